using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Facts;

/// <summary>Taxes: declarations (Raks: gated; others: as given) or Fakt's generated reports.</summary>
internal static class TaxFacts
{
    public static (IEnumerable<Fact>, IEnumerable<SyncEvent>) Build(
        GroupContext ctx, SourceRecord[] group, BuildOptions options)
    {
        var (taxes, events) = options.Rules == RuleSet.Fakt
            ? FromReports(ctx, Records.OfType<RawReport>(group))
            : FromDeclarations(ctx, Records.OfType<RawDeclaration>(group), options.Rules == RuleSet.Raks, options.Today);
        var facts = new List<Fact>();
        foreach (var t in taxes)
            facts.Add(ctx.Fact(Some(t.Period), t.Kind.Code(), new FactBody.Tax(t, DueDates.ForTax(t.Kind, t.Period))));
        return (facts, events);
    }

    private static (IEnumerable<TaxLiability>, IEnumerable<SyncEvent>) FromDeclarations(
        GroupContext ctx, Seq<RawDeclaration> declarations, bool gate, DateOnly today)
    {
        var events = new List<SyncEvent>();
        foreach (var d in declarations)
        {
            if (d.DeclarationDate is not { } date)
                events.Add(ctx.Event(Severity.Warning, Problem.Of("declaration.date-missing",
                    $"{ctx.Program}: declaration {d.DocumentId} ({d.FormName}) has no date, so its month is unknown; it was skipped",
                    d.DocumentId, d.FormName, ctx.Program.ToString()), $"set the declaration's date in {ctx.Program}"));
            else if (d.Amount is null && TaxForms.Recognize(d.FormName).IsSome && InRange(ctx, Period.Of(date)))
                events.Add(ctx.Event(Severity.Warning, Problem.Of("declaration.amount-missing",
                    $"{ctx.Program}: declaration {d.DocumentId} ({d.FormName}) for {Period.Of(date)} has no tax amount; " +
                    "it gives no value (not zero)", d.DocumentId, d.FormName, Period.Of(date).ToString(),
                    ctx.Program.ToString()),
                    $"recalculate the declaration in {ctx.Program} and update again", Period.Of(date)));
        }
        var declared = gate
            ? DeclarationGate.Apply(declarations, ctx.From, ctx.To, today)
            : DeclarationGate.AsGiven(declarations, ctx.From, ctx.To);
        events.AddRange(declared.Events);
        var taxes = new List<TaxLiability>(declared.Taxes.Count);
        foreach (var t in declared.Taxes) taxes.Add(new TaxLiability(ctx.Firm, t.Kind, t.Period, t.Amount));
        return (taxes, events);
    }

    private static (IEnumerable<TaxLiability>, IEnumerable<SyncEvent>) FromReports(
        GroupContext ctx, Seq<RawReport> reports)
    {
        var resolved = ReportOrder.Resolve(reports, ctx.From, ctx.To, zus: false);
        var events = new List<SyncEvent>(resolved.Events);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var taxes = new Dictionary<(TaxKind, Period), (TaxLiability Tax, DateTime At)>();
        var names = new FormNames();
        foreach (var item in resolved.Items)
        {
            if (names.Recognize(item.Item.Code).Case is not TaxForm form)
            {
                unknown.Add(item.Item.Code.Trim());
                continue;
            }
            var kind = form.Kind;
            if (item.Item.Amount is not { } amount)
            {
                events.Add(ctx.Event(Severity.Warning, Problem.Of("report.amount-missing",
                    $"Fakt: {item.Item.Code.Trim()} for {item.Period} in the report of " +
                    $"{ReportOrder.Stamp(item.Report.GeneratedAt)} has no amount; it gives no value (not zero)",
                    item.Item.Code.Trim(), item.Period.ToString(), ReportOrder.Stamp(item.Report.GeneratedAt)),
                    "generate the tax report again in Fakt", item.Period));
                continue;
            }
            var period = Quarters.PeriodOf(kind, item.Period);
            var key = (kind, period);
            if (!taxes.TryGetValue(key, out var held) || item.Report.GeneratedAt > held.At)
                taxes[key] = (new TaxLiability(ctx.Firm, kind, period, Money.Pln(amount)), item.Report.GeneratedAt);
        }
        events.AddRange(unknown.Select(code => ctx.Event(Severity.Info, Problem.Of("report.code-unknown",
            $"Fakt: report items named '{code}' are not a tax KonektoSync loads; they were skipped", code), "")));
        return (taxes.Values.Select(v => v.Tax), events);
    }

    private static bool InRange(GroupContext ctx, Period p) => p >= ctx.From && p <= ctx.To;
}
