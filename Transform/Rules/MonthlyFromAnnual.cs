using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Rules;

/// <summary>
/// Rule 4 (Raks): Raks cannot compute monthly PIT-4 / PIT-8A advances, so the office generates
/// the annual PIT-4R / PIT-8AR each month, dated the last day of that month. From each such
/// declaration only the month of its date is taken; a month with no declaration dated in it
/// has no value; of two dated in the same month the latest created wins. The declaration gate
/// (<see cref="DeclarationGate"/>) takes PIT-4R / PIT-8AR through this rule.
/// </summary>
public static class MonthlyFromAnnual
{
    /// <summary>
    /// One value per (form, month of the declaration date), sorted by form and month. Declarations
    /// without a date are skipped; when the winning declaration of a month has no amount, that
    /// month has no value (never zero).
    /// </summary>
    public static Seq<(Period Period, Money Amount, RawDeclaration Source)> Take(
        Seq<RawDeclaration> annual) =>
        LatestPerMonth(annual)
            .Where(w => w.Source.Amount.HasValue)
            .Select(w => (w.Period, Money.Pln(w.Source.Amount!.Value), w.Source))
            .ToSeq();

    /// <summary>The winning declaration per (form, month of its date), amount or not.</summary>
    public static IEnumerable<(Period Period, RawDeclaration Source)> LatestPerMonth(
        IEnumerable<RawDeclaration> declarations) =>
        LatestPerMonth(declarations, new FormNames());

    /// <summary>The same, with form names normalised by <paramref name="names"/>.</summary>
    internal static IEnumerable<(Period Period, RawDeclaration Source)> LatestPerMonth(
        IEnumerable<RawDeclaration> declarations, FormNames names)
    {
        var latest = new Dictionary<(string Form, Period Period), RawDeclaration>();
        foreach (var d in declarations)
        {
            if (d.DeclarationDate is not { } date) continue;
            var key = (names.Normalize(d.FormName), Period.Of(date));
            if (!latest.TryGetValue(key, out var best) || IsLater(d, best)) latest[key] = d;
        }
        var winners = latest.ToArray();
        System.Array.Sort(winners, static (a, b) => string.CompareOrdinal(a.Key.Form, b.Key.Form) is var byForm and not 0
            ? byForm
            : a.Key.Period.CompareTo(b.Key.Period));
        return winners.Select(w => (w.Key.Period, w.Value));
    }

    /// <summary>The latest created; a tie goes to the larger document id.</summary>
    public static RawDeclaration Latest(IEnumerable<RawDeclaration> samePeriod) =>
        samePeriod.Aggregate((best, d) => IsLater(d, best) ? d : best);

    /// <summary>Whether <paramref name="a"/> was created later (a tie: the larger document id).</summary>
    internal static bool IsLater(RawDeclaration a, RawDeclaration b)
    {
        var byCreated = (a.CreatedAt ?? DateTime.MinValue).CompareTo(b.CreatedAt ?? DateTime.MinValue);
        return byCreated != 0 ? byCreated > 0 : DocumentIds.Compare(a.DocumentId, b.DocumentId) > 0;
    }
}
