using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using KonektoSync.Transform.Planning;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `firms`: all firms found, merged by NIP, with the programs that have them, the chosen sources
/// (*brak danych*, *nie aktualizuj*, conflicts) and whether they are on the update list.
/// </summary>
public static class FirmsCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var refresh = new Option<bool>("--refresh") { Description = "Ask each configured program for its firms first" };
        var cmd = new Command("firms", "All firms found, merged by NIP: programs, chosen sources, conflicts, selected or not") { refresh };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            using var state = StateStore.Open(c.Dir.StateDb);
            var failed = false;
            if (pr.GetValue(refresh))
                foreach (var (id, entry) in Connectors.Configured(cfg))
                {
                    var outcome = await Discovery.CheckAndDiscover(id, entry, c.Dir, state, ct);
                    if (outcome.Problem is { } p) { failed = true; c.Out.Error($"{id.Code()}: {Texts.Texts.Of(p)}"); }
                }
            var (rows, mergeEvents) = Rows(cfg, state);
            Print(c, rows, mergeEvents);
            return failed ? Exit.SomeFailed : Exit.Ok;
        });
        cmd.Subcommands.Add(Select(ctx, "select", true));
        cmd.Subcommands.Add(Select(ctx, "unselect", false));
        cmd.Subcommands.Add(Source(ctx));
        cmd.Subcommands.Add(MessagingSettings.Channels(ctx));
        return cmd;
    }

    internal static (LanguageExt.Seq<FirmPlanRow> Rows, LanguageExt.Seq<SyncEvent> Events) Rows(AppConfig cfg, StateStore state)
    {
        var merged = PayerHook.Assemble(state.FirmsFound().ToSeq(), cfg.ToOptions().MatchPayers);
        var plan = SyncPlanner.Plan(merged, cfg.PerFirm, cfg.Global, cfg.Selected,
            new SyncRequest(Period.Of(new DateOnly(2000, 1, 1)), Period.Of(new DateOnly(2000, 1, 1)),
                Set<DataKind>(), None, false, false, true));
        return (plan.Rows, merged.Events);
    }

    internal static string Label(SourceDecision d) => d switch
    {
        SourceDecision.Chosen ch => ch.Program.Code(),
        SourceDecision.Off => Texts.Texts.Get("word.nie-aktualizuj"),
        SourceDecision.NoData nd => $"{nd.Program.Code()}: {Texts.Texts.Get("word.brak-danych")}",
        SourceDecision.Conflict cf => $"{Texts.Texts.Get("word.conflict")} {string.Join("|", cf.Candidates.Map(p => p.Code()))}",
        _ => "?",
    };

    private static void Print(CliContext c, LanguageExt.Seq<FirmPlanRow> rows, LanguageExt.Seq<SyncEvent> events)
    {
        if (c.Out.Json)
        {
            c.Out.WriteJson(new
            {
                firms = rows.Map(r => new
                {
                    nip = r.Firm.Value, name = r.Name, programs = r.Programs.Map(p => p.Code()).ToArray(),
                    selected = r.Selected, zus = Label(r.Zus), taxes = Label(r.TaxesAndStatements), basic = Label(r.Basic),
                    basicBy = r.Basic is SourceDecision.Chosen chosen ? chosen.Why : null, payers = r.Payers,
                    conflict = r.Zus is SourceDecision.Conflict || r.TaxesAndStatements is SourceDecision.Conflict
                        || r.Basic is SourceDecision.Conflict,
                }).ToArray(),
                problems = events.Map(e => new { code = e.Code, message = Texts.Texts.Of(e), remedy = Texts.Texts.Remedy(e) }).ToArray(),
            });
            return;
        }
        if (rows.IsEmpty) c.Out.Line(Texts.Texts.Get("firms.none"));
        else c.Out.Table(
            [T("col.nip"), T("col.name"), T("col.programs"), T("col.selected"), T("col.zus"), T("col.taxes"), T("col.basic"),
                T("col.payers")],
            rows.Map(r => (IReadOnlyList<string>)[r.Firm.Formatted, r.Name, string.Join(",", r.Programs.Map(p => p.Code())),
                r.Selected ? "*" : "", Label(r.Zus), Label(r.TaxesAndStatements), Label(r.Basic), $"{r.Payers}"]));
        foreach (var e in events)
        {
            // an unmatched payer or a payer also a partner is no error: said as what it is, with what to do
            var word = e.Severity switch { Severity.Error => Texts.Texts.Get("word.error") + ": ", Severity.Warning => Texts.Texts.Get("word.warning") + ": ", _ => "" };
            c.Out.Error(word + Texts.Texts.Of(e));
            if (Texts.Texts.Remedy(e) is { Length: > 0 } remedy) c.Out.Error($"  {Texts.Texts.Get("word.remedy")}: {remedy}");
        }
    }

    private static Command Select(Func<ParseResult, CancellationToken, CliContext> ctx, string name, bool on)
    {
        var nips = new Argument<string[]>("nip") { Arity = ArgumentArity.ZeroOrMore, Description = "NIPs (any spelling: PL, dashes, spaces)" };
        var all = new Option<bool>("--all") { Description = "All firms found" };
        var cmd = new Command(name, on ? "Put firms on the update list (Wybierz firmy → Aktualizuj dane)" : "Take firms off the update list") { nips, all };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            using var state = StateStore.Open(c.Dir.StateDb);
            var found = Rows(cfg, state).Rows.Map(r => r.Firm).ToHashSet();
            var targets = new List<Nip>();
            if (pr.GetValue(all)) targets.AddRange(found);
            foreach (var raw in pr.GetValue(nips) ?? [])
            {
                var nip = Nip.Create(raw);
                if (nip.IsFail) return Task.FromResult(c.Out.Fail(nip.FailToSeq().Head));
                var n = nip.SuccessToSeq().Head;
                if (on && !found.Contains(n))
                    return Task.FromResult(c.Out.Fail(Problem.Of("firm.unknown",
                        $"no firm with NIP {n.Formatted} was found in the configured programs", n.Formatted)));
                targets.Add(n);
            }
            if (targets.Count == 0)
                return Task.FromResult(c.Out.Fail(Problem.Of("firm.none-given", "give one or more NIPs, or --all")));
            foreach (var n in targets)
                if (on) cfg.SelectedFirms.Add(n.Value); else cfg.SelectedFirms.Remove(n.Value);
            ConfigStore.Save(c.Dir, cfg);
            var list = string.Join(", ", targets.Select(n => n.Formatted));
            if (c.Out.Json) c.Out.WriteJson(new { selected = on, firms = targets.Select(n => n.Value).ToArray() });
            else c.Out.Line(Texts.Texts.Get(on ? "firms.selected" : "firms.unselected", list));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    private static Command Source(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var nips = new Argument<string[]>("nip") { Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Ustaw program dla wszystkich firm z listy: the global setting" };
        var zus = new Option<string?>("--zus") { Description = "Program for ZUS, 'none' (nie aktualizuj) or 'auto'" };
        var taxes = new Option<string?>("--taxes") { Description = "Program for taxes and statements, 'none' or 'auto'" };
        var basic = new Option<string?>("--basic") { Description = "Program for basic data, 'none' or 'auto'" };
        var cmd = new Command("source", "Choose the source program per firm (or for all) and data kind") { nips, all, zus, taxes, basic };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            foreach (var v in new[] { pr.GetValue(zus), pr.GetValue(taxes), pr.GetValue(basic) })
                if (v is not null && v.Trim().ToLowerInvariant() is not ("none" or "auto" or "off") && ProgramIds.FromCode(v) is null)
                    return Task.FromResult(c.Out.Fail(Problem.Of("program.unknown",
                        $"unknown program '{v}': see 'konektosync programs list'", v)));
            var entries = new List<SourceEntry>();
            if (pr.GetValue(all)) entries.Add(cfg.GlobalSources);
            foreach (var raw in pr.GetValue(nips) ?? [])
            {
                var nip = Nip.Create(raw);
                if (nip.IsFail) return Task.FromResult(c.Out.Fail(nip.FailToSeq().Head));
                var key = nip.SuccessToSeq().Head.Value;
                if (!cfg.FirmSources.TryGetValue(key, out var e)) cfg.FirmSources[key] = e = new SourceEntry();
                entries.Add(e);
            }
            if (entries.Count == 0)
                return Task.FromResult(c.Out.Fail(Problem.Of("firm.none-given", "give one or more NIPs, or --all")));
            foreach (var e in entries)
            {
                if (pr.GetValue(zus) is { } z) e.Zus = Norm(z);
                if (pr.GetValue(taxes) is { } t) e.Taxes = Norm(t);
                if (pr.GetValue(basic) is { } b) e.Basic = Norm(b);
            }
            foreach (var k in cfg.FirmSources.Where(kv => kv.Value is { Zus: null, Taxes: null, Basic: null }).Select(kv => kv.Key).ToList())
                cfg.FirmSources.Remove(k);
            ConfigStore.Save(c.Dir, cfg);
            if (c.Out.Json) c.Out.WriteJson(new { global = cfg.GlobalSources, firms = cfg.FirmSources });
            else c.Out.Line(Texts.Texts.Get("firms.source-set", pr.GetValue(all) ? "*" : entries.Count.ToString()));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    private static string? Norm(string v) => v.Trim().ToLowerInvariant() switch
    {
        "auto" => null,
        "none" or "off" => "none",
        var p => ProgramIds.FromCode(p)!.Value.Code(),
    };

    private static string T(string key) => Texts.Texts.Get(key);
}
