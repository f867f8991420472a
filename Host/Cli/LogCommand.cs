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
        var cmd = new Command("log", "The event log: what was read, what was skipped and why, and what to do") { errors, warnings, since };
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
            using var state = StateStore.Open(c.Dir.StateDb);
            var rows = state.Events(pr.GetValue(errors), from)
                .Where(r => !pr.GetValue(warnings) || r.Severity is "warning" or "error").ToList();
            if (c.Out.Json)
            {
                c.Out.WriteJson(rows.Select(r => new
                {
                    run = r.RunId, at = r.At, severity = r.Severity, code = r.Code, program = r.Program,
                    firm = r.Firm, kind = r.Kind, period = r.Period, message = Render(r), remedy = RenderRemedy(r),
                }));
                return Task.FromResult(Exit.Ok);
            }
            foreach (var run in rows.GroupBy(r => r.RunId))
            {
                c.Out.Line($"== {Texts.Texts.Get("log.run")} {run.Key} ({run.First().At.ToLocalTime():yyyy-MM-dd HH:mm})");
                foreach (var r in run)
                {
                    var where = string.Join(" ", new[] { r.Program, r.Firm, r.Kind, r.Period }.Where(x => x is not null));
                    c.Out.Line($"[{r.Severity}] {where}: {Render(r)}");
                    if (RenderRemedy(r) is { Length: > 0 } remedy) c.Out.Line($"    -> {remedy}");
                }
            }
            if (rows.Count == 0) c.Out.Line(Texts.Texts.Get("log.empty"));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    private static SyncEvent ToEvent(EventRow r) => SyncEvent.Of(Severity.Info, r.Code, r.Message, r.Remedy, args: r.Args);
    private static string Render(EventRow r) => Texts.Texts.Of(ToEvent(r));
    private static string RenderRemedy(EventRow r) => Texts.Texts.Remedy(ToEvent(r));
}
