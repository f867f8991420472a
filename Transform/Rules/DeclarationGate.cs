using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using LanguageExt;

namespace KonektoSync.Transform.Rules;

/// <summary>A month's or quarter's tax taken from a declaration.</summary>
public sealed record DeclaredTax(TaxKind Kind, Period Period, Money Amount, RawDeclaration Source);

/// <summary>Taxes read from declarations, and what the event log should say about them.</summary>
public sealed record DeclaredTaxes(Seq<DeclaredTax> Taxes, Seq<SyncEvent> Events);

/// <summary>
/// Rule 5 (Raks): taxes for a period exist only where a declaration for that period was added.
/// No declaration, no value (never a zero), and for a tax the firm files an event per missing
/// period that is already due, saying how to add it. PIT-4R / PIT-8AR give monthly advances by
/// rule 4 (<see cref="MonthlyFromAnnual"/>).
/// </summary>
public static class DeclarationGate
{
    /// <summary>
    /// The period of a declaration is the month of its date; for a quarterly tax, the last
    /// month of the quarter that month falls in (<see cref="Quarters.PeriodOf"/>). PIT-4R /
    /// PIT-8AR are taken by <see cref="MonthlyFromAnnual.LatestPerMonth"/>. Of several
    /// declarations of one tax and period the latest created wins (tie: the larger document id).
    /// A tax is filed by the firm when it has a declaration of it in the years of
    /// <paramref name="from"/>..<paramref name="to"/>; for such a tax every period of the range
    /// without a declaration gives an event, unless the tax for that period is not due yet on
    /// <paramref name="today"/> (its due date is later). Quarterly taxes are expected for
    /// quarter-end months only. Unknown form names give one info event per name.
    /// </summary>
    public static DeclaredTaxes Apply(Seq<RawDeclaration> declarations, Period from, Period to, DateOnly today)
    {
        var (winners, unknown) = Resolve(declarations);
        return new DeclaredTaxes(InRange(winners, from, to), unknown + Missing(winners, from, to, today));
    }

    /// <summary>Declarations as given (programs without the gate): the same, without missing-period events.</summary>
    public static DeclaredTaxes AsGiven(Seq<RawDeclaration> declarations, Period from, Period to)
    {
        var (winners, unknown) = Resolve(declarations);
        return new DeclaredTaxes(InRange(winners, from, to), unknown);
    }

    private sealed record Winner(TaxKind Kind, Period Period, RawDeclaration Source);

    /// <summary>
    /// The winner per (tax, period), sorted by tax and period: the PIT-4R / PIT-8AR winners of
    /// their months first, then the other declarations as given, the latest of each (tax, period)
    /// taken as <see cref="MonthlyFromAnnual.Latest"/> takes it (of two equally late, the first).
    /// </summary>
    private static (Seq<Winner> Winners, Seq<SyncEvent> Unknown) Resolve(Seq<RawDeclaration> declarations)
    {
        var names = new FormNames();
        var unknown = new SortedDictionary<string, RawDeclaration>(StringComparer.Ordinal);
        var annual = new List<RawDeclaration>();
        var kindOfAnnual = new Dictionary<RawDeclaration, TaxKind>(ReferenceEqualityComparer.Instance);
        var periodic = new List<Winner>();
        foreach (var d in declarations)
        {
            if (names.Recognize(d.FormName).Case is not TaxForm form)
                unknown.TryAdd(names.Normalize(d.FormName), d);
            else if (form.AnnualTakenMonthly)
            {
                annual.Add(d);
                kindOfAnnual[d] = form.Kind;
            }
            else if (d.DeclarationDate is { } date)
                periodic.Add(new Winner(form.Kind, Quarters.PeriodOf(form.Kind, Period.Of(date)), d));
        }

        var latest = new Dictionary<(TaxKind Kind, Period Period), RawDeclaration>();
        var candidates = MonthlyFromAnnual.LatestPerMonth(annual, names)
            .Select(w => new Winner(kindOfAnnual[w.Source], w.Period, w.Source))
            .Concat(periodic);
        foreach (var w in candidates)
        {
            var key = (w.Kind, w.Period);
            if (!latest.TryGetValue(key, out var best) || MonthlyFromAnnual.IsLater(w.Source, best)) latest[key] = w.Source;
        }
        var winners = new Winner[latest.Count];
        var i = 0;
        foreach (var l in latest) winners[i++] = new Winner(l.Key.Kind, l.Key.Period, l.Value);
        System.Array.Sort(winners, static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Period.CompareTo(b.Period));
        return (winners.ToSeq(), unknown.Count == 0 ? [] : unknown.Values.Select(UnknownForm).ToArray().ToSeq());
    }

    private static Seq<DeclaredTax> InRange(Seq<Winner> winners, Period from, Period to)
    {
        var taxes = new List<DeclaredTax>(winners.Count);
        foreach (var w in winners)
            if (w.Period >= from && w.Period <= to && w.Source.Amount is { } amount)
                taxes.Add(new DeclaredTax(w.Kind, w.Period, Money.Pln(amount), w.Source));
        return taxes.ToSeq();
    }

    private static Seq<SyncEvent> Missing(Seq<Winner> winners, Period from, Period to, DateOnly today)
    {
        var declared = new System.Collections.Generic.HashSet<(TaxKind, Period)>();
        var filed = new SortedDictionary<TaxKind, RawDeclaration>(); // a tax filed in the years read, with a sample
        foreach (var w in winners)
        {
            declared.Add((w.Kind, w.Period));
            if (w.Period.Year >= from.Year && w.Period.Year <= to.Year) filed.TryAdd(w.Kind, w.Source);
        }
        var events = new List<SyncEvent>();
        foreach (var (kind, sample) in filed)
        {
            for (var period = from; period <= to; period = period.Next)
            {
                if (kind.IsQuarterly() && !period.IsQuarterEnd) continue;
                if (DueDates.ForTax(kind, period) > today) continue;
                if (!declared.Contains((kind, period))) events.Add(MissingDeclaration(kind, period, sample));
            }
        }
        return events.ToSeq();
    }

    private static SyncEvent MissingDeclaration(TaxKind kind, Period period, RawDeclaration sample) =>
        kind switch
        {
            TaxKind.Pit4 or TaxKind.Pit8A => SyncEvent.Of(Severity.Warning, "raks.declaration-missing",
                $"Raks: no {AnnualForm(kind)} declaration dated in {period}, so there is no {kind.Code()} advance for {period}",
                $"generate {AnnualForm(kind)} dated {period.LastDay:yyyy-MM-dd} (the last day of the month) " +
                "in Kadry i Płace > Zestawienia > Deklaracje (Shift+Ctrl+D)",
                sample.Program, sample.Firm, DataKind.Taxes, period, kind.Code(), period.ToString(), "annual",
                AnnualForm(kind), $"{period.LastDay:yyyy-MM-dd}"),
            _ when kind.IsQuarterly() => SyncEvent.Of(Severity.Warning, "raks.declaration-missing",
                $"Raks: no {kind.Code()} declaration for the quarter {QuarterName(period)}",
                "add it in Księgowość > Deklaracje (Ctrl+F6)",
                sample.Program, sample.Firm, DataKind.Taxes, period, kind.Code(), period.ToString(), "quarterly",
                QuarterName(period)),
            _ => SyncEvent.Of(Severity.Warning, "raks.declaration-missing",
                $"Raks: no {kind.Code()} declaration for {period}",
                "add it in Księgowość > Deklaracje (Ctrl+F6)",
                sample.Program, sample.Firm, DataKind.Taxes, period, kind.Code(), period.ToString(), "monthly"),
        };

    private static string QuarterName(Period p) => $"{p.Year:D4}-Q{p.Quarter}";

    private static string AnnualForm(TaxKind kind) => kind == TaxKind.Pit4 ? "PIT-4R" : "PIT-8AR";

    private static SyncEvent UnknownForm(RawDeclaration d) =>
        SyncEvent.Of(Severity.Info, "declaration.form-unknown",
            $"{d.Program}: declarations named '{d.FormName}' are not a tax KonektoSync loads; they were skipped",
            "", d.Program, d.Firm, DataKind.Taxes, null, d.FormName, d.Program.ToString());
}
