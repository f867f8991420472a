using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Rules;

/// <summary>Panel keys a sync may judge (their years are covered by the source) and keys it leaves alone.</summary>
public sealed record FolderScope(Seq<FactKey> Considered, Seq<FactKey> Kept);

/// <summary>
/// Rule 8 (Super Księga Podatkowa): one data folder holds one year. Data loaded from last
/// year's folder stays in the panel when the folder is switched to this year: a sync judges only
/// the panel keys of the years the current source covers and keeps all others untouched.
/// </summary>
public static class YearlyFolders
{
    /// <summary>
    /// Splits the panel's keys: those with a period in <paramref name="yearsCovered"/> may be
    /// considered by this sync; keys of other years and keys without a period (basic data) are kept.
    /// </summary>
    public static FolderScope Keep(Seq<FactKey> panelKeys, Set<int> yearsCovered)
    {
        var considered = panelKeys.Filter(k => k.Period.Exists(p => yearsCovered.Contains(p.Year)));
        var kept = panelKeys.Filter(k => !k.Period.Exists(p => yearsCovered.Contains(p.Year)));
        return new FolderScope(considered, kept);
    }

    /// <summary>The years of a range; what a multi-year source covers.</summary>
    public static Set<int> YearsOf(Period from, Period to) =>
        Prelude.toSet(Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1)));
}

/// <summary>
/// A value that disappears from the source is never deleted from the panel: it is only reported.
/// The load (<c>LoadPlan.Decide</c>) calls <see cref="Find"/> for every group; it is the only
/// place that decides what disappeared.
/// </summary>
public static class Disappeared
{
    /// <summary>
    /// Keys confirmed earlier that this read did not return, limited to months of
    /// <paramref name="from"/>..<paramref name="to"/> in <paramref name="yearsCovered"/>. Basic data
    /// (no period) never disappears. Sorted by key text; to report in the event log, not to delete.
    /// </summary>
    public static Seq<FactKey> Find(
        Seq<FactKey> previouslyConfirmed, Seq<FactKey> nowRead, Period from, Period to, Set<int> yearsCovered)
    {
        var read = nowRead.Select(k => k.Text).ToHashSet(StringComparer.Ordinal);
        return YearlyFolders.Keep(previouslyConfirmed, yearsCovered).Considered
            .Filter(k => k.Period.Exists(p => p >= from && p <= to) && !read.Contains(k.Text))
            .OrderBy(k => k.Text, StringComparer.Ordinal)
            .DistinctBy(k => k.Text)
            .ToSeq();
    }

    /// <summary>One info event per disappeared key: the panel keeps the value.</summary>
    public static Seq<SyncEvent> Report(Seq<FactKey> disappeared, ProgramId program) =>
        disappeared.Map(k => SyncEvent.Of(Severity.Info, "value.disappeared",
            $"{program}: {k.Subject} for {k.Period.Match(p => p.ToString(), () => "-")} is no longer in the program; " +
            "the panel keeps the value loaded earlier",
            "if the value is wrong, correct or remove it in the panel",
            program, k.Firm, k.Kind, k.Period.Map(p => (Period?)p).FirstOrDefault(), k.Subject,
            k.Period.Match(p => p.ToString(), () => "-"), program.ToString()));
}
