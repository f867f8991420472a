using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using KonektoSync.Host.Worker;
using Microsoft.Extensions.DependencyInjection;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Cli;

/// <summary>`sync`: a manual update (Aktualizacja ręczna) of the firms on the list.</summary>
public static class SyncCommand
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var from = new Option<string?>("--from") { Description = "First month, YYYY-MM (default: from the configuration)" };
        var to = new Option<string?>("--to") { Description = "Last month, YYYY-MM" };
        var kinds = new Option<string?>("--kinds") { Description = "zus,taxes,statements (basic data is read on every update)" };
        var firm = new Option<string[]>("--firm") { Description = "Only these firms (Aktualizuj wybrane)", AllowMultipleArgumentsPerToken = true };
        var approve = new Option<bool>("--approve") { Description = "Zatwierdź dane: the client sees the data at once" };
        var summary = new Option<bool>("--send-summary") { Description = "Wyślij zestawienie: send the client the last month's summary" };
        var dryRun = new Option<string?>("--dry-run") { Description = "Write CSV files of what would be sent to this folder; send nothing" };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for another sync of this data folder to end (default 0)" };
        var full = new Option<bool>("--full") { Description = "Read every program, also those whose data did not change since their last sync" };
        var cmd = new Command("sync", "Read the selected firms' data from their programs and load the panel")
            { from, to, kinds, firm, approve, summary, dryRun, wait, full };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            var request = Request(cfg, pr.GetValue(from), pr.GetValue(to), pr.GetValue(kinds), pr.GetValue(firm) ?? [],
                pr.GetValue(approve), pr.GetValue(summary));
            if (request.IsLeft) return c.Out.Fail(request.LeftToSeq().Head);
            var req = request.RightToSeq().Head;
            var folder = pr.GetValue(dryRun) is { } d ? Path.GetFullPath(d) : null;
            if (pr.GetValue(wait) is var seconds && seconds < 0)
                return c.Out.Fail(Problem.Of("sync.wait", $"--wait {seconds}: expected a number of seconds, 0 or more",
                    seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var taken = await SyncLock.Take(c.Dir, "sync", c.Clock, TimeSpan.FromSeconds(seconds), ct);
            if (taken.IsLeft) return c.Out.Fail(taken.LeftToSeq().Head, Exit.SomeFailed);
            using var held = taken.RightToSeq().Head;
            if (!c.Out.Json)
                c.Out.Line(Texts.Texts.Get("sync.start", folder is null ? "" : Texts.Texts.Get("sync.dry-run-mark"), req.From, req.To,
                    string.Join(", ", req.Kinds.Map(k => Texts.Texts.Find("part.kind." + k.Code()) ?? k.Code()))));
            using var host = SyncHost.Create(c.Dir, c.Clock);
            var log = host.Services.GetRequiredService<Serilog.ILogger>();
            var progress = new ConsoleProgress(c.Out.Err, Screen.Of(c.Out.Err));
            var report = await progress.Around(p => SyncService.Run(cfg, c.Dir, req, folder, c.Clock, p, log, ct, pr.GetValue(full)));
            return Print(c, report);
        });
        return cmd;
    }

    internal static LanguageExt.Either<Problem, SyncRequest> Request(AppConfig cfg, string? from, string? to,
        string? kinds, string[] firms, bool approve, bool sendSummary)
    {
        var f = Period.Parse(from ?? cfg.Defaults.From).ToEither().MapLeft(e => e.Head);
        var t = Period.Parse(to ?? cfg.Defaults.To).ToEither().MapLeft(e => e.Head);
        var kindList = kinds is null ? cfg.Defaults.Kinds : kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var parsedKinds = new List<DataKind>();
        foreach (var k in kindList)
        {
            if (DataKinds.FromCode(k) is not { } dk)
                return Problem.Of("kinds.unknown", $"unknown data kind '{k}': use zus, taxes, statements, basic", k);
            parsedKinds.Add(dk);
        }
        var nips = new List<Nip>();
        foreach (var raw in firms.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var n = Nip.Create(raw);
            if (n.IsFail) return n.FailToSeq().Head;
            nips.Add(n.SuccessToSeq().Head);
        }
        return from fp in f
               from tp in t
               from ok in tp < fp
                   ? LanguageExt.Either<Problem, bool>.Left(Problem.Of("period.order",
                       $"--from {fp} is after --to {tp}", fp.ToString(), tp.ToString()))
                   : LanguageExt.Either<Problem, bool>.Right(true)
               select new SyncRequest(fp, tp, toSet(parsedKinds),
                   nips.Count == 0 ? None : Some(toSet(nips)), approve, sendSummary, Manual: true);
    }

    /// <summary>The last line of a sync: groups, facts sent (or that would be, in a dry run), warnings and firms skipped.</summary>
    public static string Summary(SyncReport r) =>
        Texts.Texts.Get(r.DryRunFolder is null ? "sync.summary" : "sync.summary.dry-run",
            r.GroupsLoaded, r.GroupsFailed, r.FactsSent, r.FactsUnchanged, Warnings(r), FirmsSkipped(r));

    private static int Warnings(SyncReport r) => r.Events.Count(e => e.Severity == Severity.Warning);

    /// <summary>Firms asked for but not read: not found in any program, or not on the update list.</summary>
    private static int FirmsSkipped(SyncReport r) => r.Events
        .Filter(e => e.Code is "firm.not-found" or "firm.not-selected")
        .Choose(e => e.Firm).Distinct().Count();

    /// <summary>The programs not read because their change markers held.</summary>
    private static LanguageExt.Seq<SyncEvent> Unchanged(SyncReport r) => r.Events.Filter(e => e.Code == "sync.program-unchanged");

    /// <summary>What became of the summaries and activation links: sent, not sent and why.</summary>
    private static LanguageExt.Seq<SyncEvent> Messages(SyncReport r) => r.Events.Filter(IsMessage);

    private static bool IsMessage(SyncEvent e) =>
        e.Code.StartsWith("summary.", StringComparison.Ordinal) || e.Code.StartsWith("activation.", StringComparison.Ordinal);

    private static string FirmOf(SyncEvent e) => e.Firm.Map(n => n.Formatted + ": ").IfNone("");

    private static int Print(CliContext c, SyncReport r)
    {
        if (c.Out.Json)
            c.Out.WriteJson(new
            {
                run = r.RunId, groupsLoaded = r.GroupsLoaded, groupsFailed = r.GroupsFailed,
                factsSent = r.FactsSent, factsUnchanged = r.FactsUnchanged,
                warnings = Warnings(r), firmsSkipped = FirmsSkipped(r), cancelled = r.Cancelled, dryRun = r.DryRunFolder,
                programsUnchanged = Unchanged(r).Choose(e => e.Program).Map(p => p.Code()).ToArray(),
                errors = r.Events.Filter(e => e.Severity == Severity.Error).Map(e => new
                {
                    code = e.Code, program = e.Program.Map(p => p.Code()).IfNoneUnsafe((string?)null),
                    firm = e.Firm.Map(n => n.Value).IfNoneUnsafe((string?)null), message = Texts.Texts.Of(e),
                    remedy = Texts.Texts.Remedy(e),
                }).ToArray(),
                messages = Messages(r).Map(e => new
                {
                    code = e.Code, firm = e.Firm.Map(n => n.Value).IfNoneUnsafe((string?)null), message = e.Message,
                }).ToArray(),
            });
        else
        {
            foreach (var e in Unchanged(r)) c.Out.Line(Texts.Texts.Of(e));
            foreach (var e in Messages(r).Filter(e => e.Severity != Severity.Error))
                c.Out.Line($"{FirmOf(e)}{Texts.Texts.Of(e)}");
            foreach (var e in r.Events.Filter(e => e.Severity == Severity.Error))
                c.Out.Error($"{Texts.Texts.Get("word.error")}: {(IsMessage(e) ? FirmOf(e) : "")}{Texts.Texts.Of(e)}");
            foreach (var fault in r.Fault)
                c.Out.Error($"{Texts.Texts.Get("word.remedy")}: {Texts.Texts.Remedy(fault)}");
            // a panel server that could not be reached: what waits in the outbox, said plainly
            foreach (var e in r.Events.Filter(e => e.Code == "panel.waiting"))
                c.Out.Line($"{Texts.Texts.Of(e)} ({Texts.Texts.Remedy(e)})");
            if (r.Cancelled) c.Out.Line(Texts.Texts.Get("sync.cancelled"));
            if (r.DryRunFolder is { } d) c.Out.Line(Texts.Texts.Get("sync.dry-run", d));
            if (r.FirmsPlanned == 0 && r.Fault.IsNone) c.Out.Line(Texts.Texts.Get("sync.nothing"));
            c.Out.Line(Summary(r));
        }
        return r.AnyFailed || r.Cancelled ? Exit.SomeFailed : Exit.Ok;
    }
}
