using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Worker;
using KonektoSync.Load.Panel;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `status`: what is configured (programs, automatic update), the worker's state (worker.json, and
/// whether its process is alive), a sync running now, the last run (from the event log, as `log`
/// shows it), the next run, the firms with errors in the last run and those with unapproved data.
/// </summary>
public static class StatusCommand
{
    private static string T(string key, params object[] args) => Texts.Texts.Get(key, args);

    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("status", "What is configured, the worker's state, the last and the next run, firms with errors or unapproved data");
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            var s = await Read(c.Dir, cfg, c.Clock, ct);
            if (c.Out.Json) c.Out.WriteJson(s);
            else Print(c.Out, s);
            return Exit.Ok;
        });
        return cmd;
    }

    public sealed record AutoUpdateStatus(bool Enabled, bool Approve, IReadOnlyList<string> Kinds, string When, string Schedule,
        int CheckSeconds, int Months, string? Problem);

    public sealed record WorkerStatus(int Pid, bool Alive, string State, DateTimeOffset Started, WorkerRun? LastRun,
        IReadOnlyDictionary<string, WorkerBackoff> Backoff, string? Note);

    public sealed record LastRunStatus(string Run, DateTimeOffset Started, DateTimeOffset? Finished, double? DurationSeconds,
        string? Outcome, int Warnings, int Errors);

    public sealed record Status(
        IReadOnlyList<string> Programs, AutoUpdateStatus AutoUpdate, WorkerStatus? Worker, SyncLockHolder? SyncRunning,
        LastRunStatus? LastRun, DateTimeOffset? NextRun, IReadOnlyList<string> FirmsWithErrors, IReadOnlyList<string> FirmsUnapproved);

    public static async Task<Status> Read(DataDir dir, AppConfig cfg, TimeProvider clock, CancellationToken cancel)
    {
        var a = cfg.AutoUpdate;
        var settings = WorkerSettings.From(a);
        var auto = new AutoUpdateStatus(a.Enabled, a.Approve, a.Kinds, a.When, a.Schedule, a.CheckSeconds, a.Months,
            settings.MatchUnsafe(Right: _ => (string?)null, Left: p => Texts.Texts.Of(p)));
        var programs = cfg.Programs.Where(p => p.Value.Enabled).Select(p => p.Key).ToList();

        var state = WorkerState.Load(dir);
        var worker = state is null ? null
            : new WorkerStatus(state.Pid, Alive(state.Pid), state.State, state.Started, state.LastRun, state.Backoff, state.Note);
        var running = SyncLock.IsHeld(dir) ? SyncLock.ReadHolder(dir) ?? new SyncLockHolder(0, "?", default) : null;

        DateTimeOffset? next = worker is { Alive: true } ? state!.NextRun : null;
        if (next is null && a.Enabled && worker is { Alive: true })
            next = settings.MatchUnsafe(Right: x => x.When.Next(clock.GetLocalNow(), TimeZoneInfo.Local), Left: _ => null);

        LastRunStatus? last = null;
        var errors = new List<string>();
        if (File.Exists(dir.StateDb))
        {
            using var store = StateStore.Open(dir.StateDb);
            if (store.Runs().LastOrDefault() is { } run)
            {
                var events = store.Events(false, null, 100000, false, run.RunId);
                var isError = (EventRow e) => string.Equals(e.Severity, "error", StringComparison.OrdinalIgnoreCase);
                last = new LastRunStatus(run.RunId, run.Started, run.Finished,
                    run.Finished is { } f ? Math.Round((f - run.Started).TotalSeconds, 3) : null, run.Outcome,
                    events.Count(e => string.Equals(e.Severity, "warning", StringComparison.OrdinalIgnoreCase)), events.Count(isError));
                errors = events.Where(isError).Select(e => e.Firm).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            }
        }
        var unapproved = new List<string>();
        if (File.Exists(dir.PanelDb))
        {
            var panel = await LocalPanel.Open(dir.PanelDb, cfg.Options.UpdateBasicData, clock, SecretKey.PeselKey(dir), cancel);
            unapproved = (await panel.ListFirms(cancel)).Where(f => f.HasUnapproved).Select(f => f.Nip).ToList();
        }
        return new Status(programs, auto, worker, running, last, next, errors, unapproved);
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }

    private static string At(DateTimeOffset? t) =>
        t is { } v ? v.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static void Print(Output o, Status s)
    {
        var none = T("status.none");
        o.Line(T("status.programs", s.Programs.Count == 0 ? none : string.Join(", ", s.Programs)));
        var a = s.AutoUpdate;
        var when = a.When == "change" ? T("status.when.change", a.CheckSeconds) : T("status.when.schedule", a.Schedule);
        o.Line(T("status.auto", T(a.Enabled ? "word.on" : "word.off"), when, T(a.Approve ? "word.on" : "word.off"),
            string.Join(", ", a.Kinds.Select(k => Texts.Texts.Find("part.kind." + k) ?? k)), a.Months));
        if (a.Problem is { } problem) o.Error(Texts.Texts.Get("error.prefix") + problem);
        if (s.Worker is { } w)
            o.Line(T("status.worker", Texts.Texts.Find("status.state." + w.State) ?? w.State, w.Pid,
                T(w.Alive ? "status.alive" : "status.dead"), At(w.Started)));
        else o.Line(T("status.worker.none"));
        if (s.SyncRunning is { } h) o.Line(T("status.sync-running", h.Pid, h.Command, At(h.Since)));
        if (s.LastRun is { } r)
        {
            o.Line(T("status.last-run", At(r.Started), r.DurationSeconds is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "-",
                r.Outcome ?? T("log.interrupted"), r.Warnings, r.Errors, r.Run));
            if (s.Worker?.LastRun is { } wr && wr.RunId == r.Run)
                o.Line(T("status.last-run.groups", wr.GroupsLoaded, wr.GroupsFailed));
        }
        else o.Line(T("status.last-run.none"));
        o.Line(T("status.next-run", s.NextRun is { } n ? At(n) : none));
        o.Line(T("status.firms-errors", s.FirmsWithErrors.Count == 0 ? none : string.Join(", ", s.FirmsWithErrors)));
        o.Line(T("status.firms-unapproved", s.FirmsUnapproved.Count == 0 ? none : string.Join(", ", s.FirmsUnapproved)));
    }
}
