using System.CommandLine;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Host.State;

namespace KonektoSync.Host.Cli;

/// <summary>`log`: the event log (*Dziennik zdarzeń*), per sync, program and firm, with remedies.</summary>
public static class LogCommand
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var errors = new Option<bool>("--errors") { Description = "Only errors" };
        var warnings = new Option<bool>("--warnings") { Description = "Only warnings and errors" };
        var since = new Option<string?>("--since") { Description = "Only events since this date (YYYY-MM-DD)" };
        var last = new Option<bool>("--last") { Description = "Only the last run" };
        var run = new Option<string?>("--run") { Description = "Only the run with this id" };
        var limit = new Option<int>("--limit") { Description = "At most this many events, the newest (default 500)", DefaultValueFactory = _ => 500 };
        var cmd = new Command("log", "The event log, newest events: what was read, what was skipped and why, and what to do")
            { errors, warnings, since, last, run, limit };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            DateTimeOffset? from = null;
            if (pr.GetValue(since) is { } s)
            {
                if (!DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var d))
                    return Task.FromResult(c.Out.Fail(Problem.Of("log.since", $"--since {s}: expected YYYY-MM-DD", s)));
                from = new DateTimeOffset(d);
            }
            if (!File.Exists(c.Dir.StateDb))
                return Task.FromResult(c.Out.Fail(Problem.Of("config.missing",
                    $"no state in {c.Dir.Path}: run 'konektosync init' first", c.Dir.Path)));
            if (pr.GetValue(limit) is var n && n < 1)
                return Task.FromResult(c.Out.Fail(Problem.Of("log.limit", $"--limit {n}: expected a number of events, 1 or more", $"{n}")));
            using var state = StateStore.Open(c.Dir.StateDb);
            var runs = state.Runs();
            var only = pr.GetValue(run);
            if (only is not null && !runs.Exists(r => r.RunId == only))
                return Task.FromResult(c.Out.Fail(Problem.Of("log.run-unknown",
                    $"--run {only}: no such run in the log (see 'konektosync log' for run ids)", only)));
            if (pr.GetValue(last))
            {
                only = runs.Count == 0 ? "" : runs[^1].RunId;
            }
            var rows = state.Events(pr.GetValue(errors), from, n, pr.GetValue(warnings), only);
            if (c.Out.Json)
            {
                c.Out.WriteJson(rows.Select(r => new
                {
                    run = r.RunId, at = r.At, severity = r.Severity, code = r.Code, program = r.Program,
                    firm = r.Firm, kind = r.Kind, period = r.Period, message = Render(r), remedy = RenderRemedy(r),
                }));
                return Task.FromResult(Exit.Ok);
            }
            // a run that never ended has no events (they are appended when a run closes): it is shown
            // among the runs of the events shown, or alone when none are
            var oldest = rows.Count > 0 ? rows[0].At : (DateTimeOffset?)null;
            var unfinished = runs.Where(r => r.Finished is null && (only is null || r.RunId == only)
                    && (oldest is null || r.Started >= oldest) && (from is null || r.Started >= from))
                .ToDictionary(r => r.RunId);
            var shown = rows.GroupBy(r => r.RunId).Select(g => (Id: g.Key, At: g.First().At, Rows: g.ToList()))
                .Concat(unfinished.Values.Where(u => rows.TrueForAll(r => r.RunId != u.RunId))
                    .Select(u => (Id: u.RunId, At: u.Started, Rows: new List<EventRow>())))
                .OrderBy(g => g.At);
            var any = false;
            foreach (var (id, at, events) in shown)
            {
                any = true;
                var mark = unfinished.ContainsKey(id) ? " " + Texts.Texts.Get("log.interrupted") : "";
                c.Out.Line($"== {Texts.Texts.Get("log.run")} {id} ({at.ToLocalTime():yyyy-MM-dd HH:mm}){mark}");
                foreach (var r in events)
                {
                    var kind = r.Kind is null ? null : Texts.Texts.Find("part.kind." + r.Kind) ?? r.Kind;
                    var where = string.Join(" ", new[] { r.Program, r.Firm, kind, r.Period }.Where(x => x is not null));
                    c.Out.Line($"[{Texts.Texts.Find("severity." + r.Severity) ?? r.Severity}] {where}: {Render(r)}");
                    if (RenderRemedy(r) is { Length: > 0 } remedy) c.Out.Line($"    -> {remedy}");
                }
            }
            if (rows.Count == 0 && pr.GetValue(errors)) c.Out.Line(Texts.Texts.Get("log.no-errors"));
            else if (rows.Count == 0 && pr.GetValue(warnings)) c.Out.Line(Texts.Texts.Get("log.no-warnings"));
            else if (!any) c.Out.Line(Texts.Texts.Get("log.empty"));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    private static SyncEvent ToEvent(EventRow r) => SyncEvent.Of(Severity.Info, r.Code, r.Message, r.Remedy, args: r.Args);
    private static string Render(EventRow r) => Texts.Texts.Of(ToEvent(r));
    private static string RenderRemedy(EventRow r) => Texts.Texts.Remedy(ToEvent(r));
}
