using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Facts;

/// <summary>Statements: trial-balance lines (full accounting) and tax-book figures (KPiR).</summary>
internal static class StatementFacts
{
    public static (IEnumerable<Fact>, IEnumerable<SyncEvent>) Build(GroupContext ctx, SourceRecord[] group)
    {
        var events = new List<SyncEvent>();
        var facts = new List<Fact>();
        foreach (var record in group)
        {
            if (record is not RawTrialBalanceLine raw) continue;
            if (Period.TryCreate(raw.Year, raw.Month, out var valid) && !string.IsNullOrWhiteSpace(raw.Account))
            {
                var line = Line(ctx.Firm, raw, valid, raw.Account.Trim());
                facts.Add(ctx.Fact(Some(line.Period), line.Account, new FactBody.TrialBalance(line)));
                continue;
            }
            events.AddRange(Problems(raw).Map(p => ctx.Event(Severity.Warning, p,
                $"check the trial balance in {ctx.Program} and update again")));
        }
        var (books, bookEvents) = TaxBooks(ctx, group.OfType<RawTaxBook>().ToList());
        facts.AddRange(books);
        events.AddRange(bookEvents);
        return (facts, events);
    }

    /// <summary>What is wrong with a line that has no valid month or no account, in that order.</summary>
    private static Seq<Problem> Problems(RawTrialBalanceLine r) =>
        Period.Create(r.Year, r.Month).FailToSeq() + Account(r).FailToSeq();

    /// <summary>An empty column of a trial balance means no amount on that side: zero.</summary>

    private static TrialBalanceLine Line(Nip firm, RawTrialBalanceLine r, Period period, string account) =>
        new(firm, period, account, r.Name?.Trim() ?? "",
            Z(r.OpeningDt), Z(r.OpeningCt), Z(r.TurnoverDt), Z(r.TurnoverCt),
            Z(r.CumulativeDt), Z(r.CumulativeCt), Z(r.ClosingDt), Z(r.ClosingCt));

    private static Validation<Problem, string> Account(RawTrialBalanceLine r) =>
        string.IsNullOrWhiteSpace(r.Account)
            ? Fail<Problem, string>(Problem.Of("trialbalance.account-missing",
                $"a trial-balance line for {r.Year:D4}-{r.Month:D2} has no account number; it was skipped",
                $"{r.Year:D4}-{r.Month:D2}"))
            : Success<Problem, string>(r.Account.Trim());

    private static Money Z(decimal? v) => Money.Pln(v ?? 0m);

    /// <summary>
    /// Month figures as read; year-to-date sums the months of that year read up to the month.
    /// A month with no revenue or costs gives no value; a year-to-date missing earlier months
    /// says so in the event log.
    /// </summary>
    private static (IEnumerable<Fact>, IEnumerable<SyncEvent>) TaxBooks(GroupContext ctx, List<RawTaxBook> raws)
    {
        var events = new List<SyncEvent>();
        var months = new SortedDictionary<Period, (Money Revenue, Money Costs)>();
        foreach (var r in raws)
        {
            var period = Period.Create(r.Year, r.Month);
            var problems = period.FailToSeq();
            if (r.Revenue is null || r.Costs is null)
                problems = problems.Add(Problem.Of("taxbook.amount-missing",
                    $"the tax book for {r.Year:D4}-{r.Month:D2} has no revenue or no costs; it gives no value (not zero)",
                    $"{r.Year:D4}-{r.Month:D2}"));
            if (!problems.IsEmpty)
            {
                events.AddRange(problems.Map(p => ctx.Event(Severity.Warning, p,
                    $"check the tax book (KPiR) in {ctx.Program} and update again")));
                continue;
            }
            months[period.SuccessToSeq().Head] = (Money.Pln(r.Revenue!.Value), Money.Pln(r.Costs!.Value));
        }
        var facts = new List<Fact>();
        foreach (var (period, m) in months)
        {
            var ytd = months.Where(x => x.Key.Year == period.Year && x.Key <= period).ToList();
            if (ytd.Count != period.Month && period >= ctx.From && period <= ctx.To)
                events.Add(ctx.Event(Severity.Info, Problem.Of("taxbook.ytd-partial",
                    $"the year-to-date figures for {period} sum only the {ytd.Count} month(s) of {period.Year} that were read",
                    period.ToString(), $"{ytd.Count}", $"{period.Year:D4}"), $"update from {period.Year:D4}-01 to include the whole year", period));
            var revenueYtd = ytd.Aggregate(Money.Zero, (s, x) => s + x.Value.Revenue);
            var costsYtd = ytd.Aggregate(Money.Zero, (s, x) => s + x.Value.Costs);
            var summary = new TaxBookSummary(ctx.Firm, period, m.Revenue, m.Costs, m.Revenue - m.Costs,
                revenueYtd, costsYtd, revenueYtd - costsYtd);
            facts.Add(ctx.Fact(Some(period), "book", new FactBody.TaxBook(summary)));
        }
        return (facts, events);
    }
}
