using System.Reflection;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Service;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;

namespace KonektoSync.Host.Reports;

/// <summary>
/// The manual's "Wysyłaj raporty o błędach": when the option is on and a run failed (a group failed,
/// a fault, an error), its report is made from the state database and the file log, scrubbed
/// (<see cref="Scrubber"/>) and delivered (<see cref="ReportDelivery"/>). Nothing here changes the
/// run's outcome or exit code: a report that cannot be made is one warning in the file log.
/// </summary>
public static class ErrorReports
{
    /// <summary>The folder reports are written to when they are not sent.</summary>
    public static string Folder(DataDir dir) => Path.Combine(dir.Path, "reports");

    /// <summary>After a run (manual or automatic): its report where the option is on and the run failed.</summary>
    public static async Task<Delivered?> AfterRun(AppConfig cfg, DataDir dir, SyncReport run, TimeProvider clock,
        Serilog.ILogger log, CancellationToken cancel, HttpMessageHandler? handler = null, DeliveryPolicy? policy = null)
    {
        if (!cfg.Options.SendErrorReports || !run.AnyFailed) return null;
        var runLog = log.ForContext("RunId", run.RunId);
        try
        {
            var endpoint = Endpoint(cfg, runLog);
            var report = Collect(cfg, dir, run, clock.GetLocalNow());
            var delivered = await ReportDelivery.Deliver(report, Folder(dir), policy ?? DeliveryPolicy.For(endpoint),
                handler, cancel);
            if (delivered is Delivered.Sent sent)
                runLog.Information("error report sent to {Endpoint} ({Attempts} attempts)", sent.Endpoint.Host, sent.Attempts);
            else if (delivered is Delivered.Written written)
                runLog.Information("error report written to {File}: {Reason}", written.File, written.Reason);
            return delivered;
        }
        catch (Exception e)
        {
            runLog.Warning("error report not made: {Type}", e.GetType().FullName);
            return null;
        }
    }

    private static Uri? Endpoint(AppConfig cfg, Serilog.ILogger log)
    {
        if (string.IsNullOrWhiteSpace(cfg.Options.ReportsEndpoint)) return null;
        var parsed = ReportEndpoint.Parse(cfg.Options.ReportsEndpoint);
        parsed.IfLeft(p => log.Warning("error report address refused: {Code}", p.Code));
        return parsed.MatchUnsafe(Right: uri => uri, Left: _ => (Uri?)null);
    }

    /// <summary>The run's report: its events from the state database (else those of the run), its log lines, the programs.</summary>
    public static ErrorReport Collect(AppConfig cfg, DataDir dir, SyncReport run, DateTimeOffset now)
    {
        var outcome = run.Cancelled ? "cancelled" : run.Fault.IsSome ? "failed" : "some-failed";
        return ErrorReport.Create(run.RunId, outcome, Version, now, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Programs(cfg), Events(dir, run), LogLines(LogConfiguration.Load(dir).IfLeft(LogSettings.Default(dir)), run.RunId),
            KnownSecrets(cfg, dir));
    }

    public static string Version =>
        typeof(ErrorReports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ErrorReports).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Each configured program's code and engine (the "engine" choice where the program has one).</summary>
    public static IEnumerable<ReportProgram> Programs(AppConfig cfg) =>
        cfg.Programs.Select(kv => new ReportProgram(kv.Key,
            kv.Value.Values.TryGetValue("engine", out var engine) && engine.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                ? engine : "default", kv.Value.Enabled));

    private static List<EventRow> Events(DataDir dir, SyncReport run)
    {
        if (File.Exists(dir.StateDb))
        {
            try
            {
                using var state = StateStore.Open(dir.StateDb);
                var stored = state.Events(errorsOnly: false, since: null, run: run.RunId);
                if (stored.Count > 0) return stored;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException) { }
        }
        return run.Events.Select((e, i) => new EventRow(i, run.RunId, DateTimeOffset.MinValue,
            e.Severity.ToString().ToLowerInvariant(), e.Code, e.Program.Map(p => p.Code()).IfNoneUnsafe((string?)null),
            e.Firm.Map(n => n.Value).IfNoneUnsafe((string?)null), e.Kind.Map(k => k.Code()).IfNoneUnsafe((string?)null),
            e.Period.Map(p => p.ToString()).IfNoneUnsafe((string?)null), e.Message, e.Remedy, e.Args.ToArray())).ToList();
    }

    /// <summary>The lines of the run in the newest log files (and the continuation lines after them), at most 5000.</summary>
    public static List<string> LogLines(LogSettings logs, string runId)
    {
        var lines = new List<string>();
        if (!Directory.Exists(logs.Folder)) return lines;
        var pattern = Path.GetFileNameWithoutExtension(logs.FilePath) + "*" + Path.GetExtension(logs.FilePath);
        var files = new DirectoryInfo(logs.Folder).GetFiles(pattern)
            .OrderByDescending(f => f.LastWriteTimeUtc).Take(2).OrderBy(f => f.LastWriteTimeUtc);
        foreach (var file in files)
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var inRun = false;
            while (reader.ReadLine() is { } line && lines.Count < 5000)
            {
                var owner = ErrorReport.RunOf(line);
                if (owner is not null) inRun = owner == runId;
                if (inRun) lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>The configured programs' passwords (where they can be read here) and the data folder's key.</summary>
    private static List<string> KnownSecrets(AppConfig cfg, DataDir dir)
    {
        var secrets = new List<string>();
        foreach (var (name, entry) in cfg.Programs)
            SecretRefs.Resolve(entry.Password, name).IfRight(s => s.IfSome(secret => secrets.Add(secret.Reveal())));
        try
        {
            if (File.Exists(dir.SecretFile)) secrets.Add(File.ReadAllText(dir.SecretFile).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return secrets;
    }
}
