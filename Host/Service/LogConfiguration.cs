using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Service;

/// <summary>What the file log is: its levels, its file (a rolling one a day) and how many files are kept.</summary>
public sealed record LogSettings(LogEventLevel Minimum, IReadOnlyDictionary<string, LogEventLevel> Overrides,
    string FilePath, int? RetainedFiles)
{
    /// <summary>Today's defaults: Information, logs/konektosync-YYYYMMDD.log in the data folder, 31 files kept.</summary>
    public static LogSettings Default(DataDir dir) => new(LogEventLevel.Information,
        new Dictionary<string, LogEventLevel>(), Path.Combine(dir.LogDir, "konektosync-.log"), 31);

    public string Folder => Path.GetDirectoryName(FilePath)!;
}

/// <summary>
/// The file log from configuration: <c>appsettings.json</c> next to the program, then <c>appsettings.json</c>
/// in the data folder (which wins), in Serilog's own format
/// (https://github.com/serilog/serilog-settings-configuration): <c>Serilog:MinimumLevel</c> (a level, or
/// <c>Default</c> and <c>Override</c>), and the <c>File</c> entry of <c>Serilog:WriteTo</c> with its
/// <c>path</c> (relative to the data folder) and <c>retainedFileCountLimit</c>. What is absent keeps
/// today's defaults (<see cref="LogSettings.Default"/>). A file that cannot be read, a level that does
/// not exist or a bad count is one problem naming the file.
/// </summary>
public static class LogConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>The configuration files, lowest precedence first.</summary>
    public static IReadOnlyList<string> Files(DataDir dir, string? programFolder = null) =>
        [Path.Combine(programFolder ?? AppContext.BaseDirectory, FileName), Path.Combine(dir.Path, FileName)];

    public static Either<Problem, LogSettings> Load(DataDir dir, string? programFolder = null)
    {
        var settings = LogSettings.Default(dir);
        foreach (var file in Files(dir, programFolder).Where(File.Exists))
        {
            var next = Read(file).Bind(cfg => Apply(settings, cfg, dir, file));
            if (next.IsLeft) return next;
            settings = next.RightToSeq().Head;
        }
        return Right<Problem, LogSettings>(settings);
    }

    private static Either<Problem, IConfigurationRoot> Read(string file)
    {
        try
        {
            return Right<Problem, IConfigurationRoot>(new ConfigurationBuilder().AddJsonFile(file, optional: true).Build());
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException
                                  or System.Text.Json.JsonException)
        {
            var why = (e.InnerException ?? e).Message.Split('\n')[0].Trim();
            return Left<Problem, IConfigurationRoot>(Problem.Of("log.config.invalid",
                $"{file}: the logging configuration cannot be read ({why}): fix the file or remove it", file, why));
        }
    }

    private static Either<Problem, LogSettings> Apply(LogSettings current, IConfiguration cfg, DataDir dir, string file)
    {
        var level = cfg.GetSection("Serilog:MinimumLevel");
        var minimum = current.Minimum;
        var overrides = new Dictionary<string, LogEventLevel>(current.Overrides, StringComparer.Ordinal);
        foreach (var (key, text) in LevelEntries(level))
        {
            if (!Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                || int.TryParse(text, CultureInfo.InvariantCulture, out _))
                return Problem.Of("log.config.level",
                    $"{file}: '{text}' is not a log level (Verbose, Debug, Information, Warning, Error, Fatal)", file, text);
            if (key is null) minimum = parsed;
            else overrides[key] = parsed;
        }
        var fileSink = cfg.GetSection("Serilog:WriteTo").GetChildren()
            .FirstOrDefault(s => string.Equals(s["Name"], "File", StringComparison.OrdinalIgnoreCase));
        var path = fileSink?["Args:path"] is { Length: > 0 } p
            ? Path.GetFullPath(Environment.ExpandEnvironmentVariables(p), dir.Path) : current.FilePath;
        var retained = current.RetainedFiles;
        if (fileSink?.GetSection("Args:retainedFileCountLimit") is { Value: { } count })
        {
            if (count.Length == 0 || count.Equals("null", StringComparison.OrdinalIgnoreCase)) retained = null;
            else if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) retained = n;
            else return Problem.Of("log.config.retention",
                $"{file}: retainedFileCountLimit '{count}' must be a whole number of at least 1 (or null: keep every file)",
                file, count);
        }
        return new LogSettings(minimum, overrides, path, retained);
    }

    /// <summary>"MinimumLevel": "Warning", or "MinimumLevel": { "Default": …, "Override": { "Namespace": … } }.</summary>
    private static IEnumerable<(string? Key, string Text)> LevelEntries(IConfigurationSection level)
    {
        if (level.Value is { } single) yield return (null, single);
        if (level["Default"] is { } d) yield return (null, d);
        foreach (var o in level.GetSection("Override").GetChildren())
            yield return (o.Key, o.Value ?? "");
    }

    /// <summary>The levels as Serilog.Settings.Configuration reads them (Serilog:MinimumLevel:Default and :Override).</summary>
    private static IConfiguration Levels(LogSettings settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
                settings.Overrides.Select(o => new KeyValuePair<string, string?>($"Serilog:MinimumLevel:Override:{o.Key}", o.Value.ToString()))
                    .Append(new KeyValuePair<string, string?>("Serilog:MinimumLevel:Default", settings.Minimum.ToString())))
            .Build();

    /// <summary>The file log (and, for the service, the console and the Windows Event Log) with these settings.</summary>
    public static Serilog.Core.Logger Create(LogSettings settings, bool console)
    {
        var config = new LoggerConfiguration()
            .ReadFrom.Configuration(Levels(settings), new ConfigurationReaderOptions(typeof(LogConfiguration).Assembly))
            .Enrich.WithProperty("App", "konektosync")
            .WriteTo.File(settings.FilePath,
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: settings.RetainedFiles,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {RunId} {Message:lj}{NewLine}{Exception}");
        if (console) ServiceConsole.Add(config, Systemd.UnderSystemd(Environment.GetEnvironmentVariable));
        if (console && OperatingSystem.IsWindows()) WindowsEventLog.Add(config);
        return config.CreateLogger();
    }
}

/// <summary>Whether the process runs under systemd (https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#Environment%20Variables).</summary>
public static class Systemd
{
    public static bool UnderSystemd(Func<string, string?> env) =>
        !string.IsNullOrEmpty(env("INVOCATION_ID")) || !string.IsNullOrEmpty(env("JOURNAL_STREAM"));
}
