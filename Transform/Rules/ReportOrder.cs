using System.Globalization;
using KonektoSync.Domain;
using LanguageExt;
using Months = System.Collections.Generic.HashSet<(bool IsZus, KonektoSync.Domain.Period Period)>;

namespace KonektoSync.Transform.Rules;

/// <summary>
/// An item of a generated report that won rule 3: <see cref="Subject"/> names the tax (its
/// report code) or the contribution's payer, <see cref="IsZus"/> tells which.
/// </summary>
public sealed record ReportedItem(string Subject, bool IsZus, Period Period, RawReportItem Item, RawReport Report);

public sealed record ResolvedReports(Seq<ReportedItem> Items, Seq<SyncEvent> Events);

/// <summary>
/// Rule 3 (Fakt): reports are read from the newest to the oldest; for each (tax or
/// contribution, payer, month) the newest report that contains it wins. A report regenerated
/// without a tax does not erase it: the older report's value stays, and the event log says so.
/// </summary>
public static class ReportOrder
{
    /// <summary>
    /// Newest first by <see cref="RawReport.GeneratedAt"/>, ties by the larger report id; only
    /// items whose month is in <paramref name="from"/>..<paramref name="to"/>. The result does not
    /// depend on the order of <paramref name="reports"/>. A newer report "does not contain" a
    /// value when it has items of the same class (taxes or ZUS) for that month but not that one.
    /// </summary>
    public static ResolvedReports Resolve(Seq<RawReport> reports, Period from, Period to) => Resolve(reports, from, to, null);

    /// <summary>
    /// The same resolution for one class only (<paramref name="zus"/>: ZUS items, else taxes; null:
    /// both): the items of that class and the events about them, as <see cref="Resolve(Seq{RawReport}, Period, Period)"/>
    /// gives them. A class is resolved on its own (a report covers a month per class), so the taxes
    /// group and the ZUS group each resolve only their own items.
    /// </summary>
    public static ResolvedReports Resolve(Seq<RawReport> reports, Period from, Period to, bool? zus)
    {
        var newestFirst = NewestFirst(reports);
        var events = new List<SyncEvent>();
        var winners = new Dictionary<(string Subject, bool IsZus, Period Period), ReportedItem>();
        var covered = new List<Months>();
        var names = new FormNames();
        foreach (var report in newestFirst)
        {
            var classes = new Months();
            foreach (var item in report.Items)
            {
                if (zus is { } only && (item.Zus is not null) != only) continue;
                if (!Period.TryCreate(item.Year, item.Month, out var p)) { events.Add(InvalidPeriod(report, item)); continue; }
                classes.Add((item.Zus is not null, p));
                if (p < from || p > to) continue;
                var key = (SubjectOf(item, names), item.Zus is not null, p);
                if (winners.ContainsKey(key)) continue;
                winners[key] = new ReportedItem(key.Item1, key.Item2, p, item, report);
                var newerWithout = NewestNotContaining(newestFirst, covered, (key.Item2, p));
                if (newerWithout is not null) events.Add(TakenFromOlder(winners[key], newerWithout));
            }
            covered.Add(classes);
        }
        var items = winners.Values.ToArray();
        System.Array.Sort(items, static (a, b) =>
            a.IsZus != b.IsZus ? a.IsZus.CompareTo(b.IsZus)
            : string.CompareOrdinal(a.Subject, b.Subject) is var bySubject and not 0 ? bySubject
            : a.Period.CompareTo(b.Period));
        return new ResolvedReports(items.ToSeq(), events.ToSeq());
    }

    /// <summary>
    /// Newest first by <see cref="RawReport.GeneratedAt"/>, ties by the larger report id, reports
    /// equal in both in the order given (a stable sort, without LINQ).
    /// </summary>
    private static List<RawReport> NewestFirst(Seq<RawReport> reports)
    {
        var ordered = new (RawReport Report, int Order)[reports.Count];
        var i = 0;
        foreach (var r in reports) ordered[i] = (r, i++);
        System.Array.Sort(ordered, static (a, b) =>
            b.Report.GeneratedAt.CompareTo(a.Report.GeneratedAt) is var byTime and not 0 ? byTime
            : DocumentIds.Compare(b.Report.ReportId, a.Report.ReportId) is var byId and not 0 ? byId
            : a.Order.CompareTo(b.Order));
        var list = new List<RawReport>(ordered.Length);
        foreach (var (report, _) in ordered) list.Add(report);
        return list;
    }

    /// <summary>
    /// A tax by its normalised code; a contribution by its payer's PESEL, NIP or name. Only
    /// compared and ordered within one resolution: it never reaches a fact, an event or a file.
    /// </summary>
    public static string SubjectOf(RawReportItem item) => SubjectOf(item, new FormNames());

    private static string SubjectOf(RawReportItem item, FormNames names) =>
        item.Zus is { } z
            ? "zus:" + (Clean(z.PayerPesel) is { } pesel ? "pesel:" + pesel
                : Clean(z.PayerNip) ?? Clean(z.PayerName) ?? "employees")
            : names.Normalize(item.Code);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The newest of the reports already read (all newer) that cover the class and month.</summary>
    private static RawReport? NewestNotContaining(
        List<RawReport> newestFirst, List<Months> covered, (bool, Period) cls)
    {
        for (var i = 0; i < covered.Count; i++)
            if (covered[i].Contains(cls)) return newestFirst[i];
        return null;
    }

    private static SyncEvent TakenFromOlder(ReportedItem winner, RawReport newer)
    {
        var what = winner.IsZus ? "ZUS contributions" : winner.Item.Code.Trim();
        return SyncEvent.Of(Severity.Info, "fakt.report-older-value",
            $"Fakt: {what} for {winner.Period} taken from the report of {Stamp(winner.Report.GeneratedAt)}, " +
            $"the newer report of {Stamp(newer.GeneratedAt)} does not contain it",
            "to stop that, delete the old report in Przegląd wydruków",
            winner.Report.Program, winner.Report.Firm, winner.IsZus ? DataKind.Zus : DataKind.Taxes,
            winner.Period, what, winner.Period.ToString(), Stamp(winner.Report.GeneratedAt), Stamp(newer.GeneratedAt),
            winner.IsZus ? "zus" : "item");
    }

    private static SyncEvent InvalidPeriod(RawReport report, RawReportItem item) =>
        SyncEvent.Of(Severity.Warning, "report.item-period",
            $"Fakt: the report of {Stamp(report.GeneratedAt)} has an item '{item.Code}' for month " +
            $"{item.Year:D4}-{item.Month:D2}, which is not a valid month; it was skipped",
            "regenerate the report in Fakt", report.Program, report.Firm,
            item.Zus is null ? DataKind.Taxes : DataKind.Zus, null, item.Code, Stamp(report.GeneratedAt),
            $"{item.Year:D4}-{item.Month:D2}");

    internal static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
