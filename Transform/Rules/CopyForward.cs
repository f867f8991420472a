using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Rules;

/// <summary>
/// Rule 6 (Płatnik option *Kopiuj składki ZUS z poprzednich miesięcy*): where declarations are
/// not filed every month, a month without a declaration for a payer takes the contributions of
/// that payer's latest earlier declaration, marked <see cref="ZusOrigin.Copied"/>.
/// </summary>
public static class CopyForward
{
    /// <summary>
    /// For each payer (by <see cref="PayerKey.Key"/>) and each month of <paramref name="from"/>..
    /// <paramref name="to"/>: the filed contribution when there is one (never overwritten),
    /// else a copy of the latest earlier filed one (which may be before <paramref name="from"/>);
    /// months before the payer's first declaration stay empty. A copy into a later year than its
    /// source gives one warning per payer and year (the new year's contribution base may differ).
    /// Expects one filed contribution per payer and month (the first is used otherwise).
    /// </summary>
    public static (Seq<ZusContribution> Result, Seq<SyncEvent> Events) Apply(
        Seq<ZusContribution> filed, Period from, Period to)
    {
        var result = new List<ZusContribution>();
        var events = new List<SyncEvent>();
        foreach (var payer in filed.GroupBy(c => c.Payer.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byMonth = new SortedDictionary<Period, ZusContribution>();
            foreach (var c in payer) byMonth.TryAdd(c.Period, c);
            ZusContribution? last = byMonth.Values.LastOrDefault(c => c.Period < from);
            var warnedYears = new System.Collections.Generic.HashSet<int>();
            foreach (var month in Period.Range(from, to))
            {
                if (byMonth.TryGetValue(month, out var own)) { result.Add(own); last = own; continue; }
                if (last is null) continue;
                result.Add(last with { Period = month, Origin = ZusOrigin.Copied });
                if (month.Year > last.Period.Year && warnedYears.Add(month.Year))
                    events.Add(AcrossNewYear(last, month));
            }
        }
        return (result.ToSeq(), events.ToSeq());
    }

    private static SyncEvent AcrossNewYear(ZusContribution source, Period month) =>
        SyncEvent.Of(Severity.Warning, "zus.copied-across-year",
            $"contributions for {month} copied from {source.Period} ({source.Payer.Label}): " +
            "the new year's contribution base may differ",
            $"file the ZUS declaration for {month} in the program, or check the amounts in the panel",
            null, source.Firm, DataKind.Zus, month, month.ToString(), source.Period.ToString(), source.Payer.Label);
}
