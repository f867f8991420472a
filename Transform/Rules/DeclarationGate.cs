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

    private static (Seq<Winner> Winners, Seq<SyncEvent> Unknown) Resolve(Seq<RawDeclaration> declarations)
    {
        var recognized = new List<(TaxForm Form, RawDeclaration Source)>();
        var unknown = new SortedDictionary<string, RawDeclaration>(StringComparer.Ordinal);
        foreach (var d in declarations)
        {
            TaxForms.Recognize(d.FormName).Match(
                Some: f => recognized.Add((f, d)),
                None: () => { unknown.TryAdd(TaxForms.Normalize(d.FormName), d); });
        }

        var kindOf = recognized.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.First().Form.Kind);
        var fromAnnual = MonthlyFromAnnual
            .LatestPerMonth(recognized.Where(r => r.Form.AnnualTakenMonthly).Select(r => r.Source))
            .Select(w => new Winner(kindOf[w.Source], w.Period, w.Source));
        var periodic = recognized
            .Where(r => !r.Form.AnnualTakenMonthly && r.Source.DeclarationDate.HasValue)
            .Select(r => new Winner(r.Form.Kind,
                Quarters.PeriodOf(r.Form.Kind, Period.Of(r.Source.DeclarationDate!.Value)), r.Source));
        var winners = fromAnnual.Concat(periodic)
            .GroupBy(w => (w.Kind, w.Period))
            .Select(g => new Winner(g.Key.Kind, g.Key.Period, MonthlyFromAnnual.Latest(g.Select(w => w.Source))))
            .OrderBy(w => w.Kind).ThenBy(w => w.Period)
            .ToSeq().Strict();
        return (winners, unknown.Values.Select(UnknownForm).ToSeq().Strict());
    }

    private static Seq<DeclaredTax> InRange(Seq<Winner> winners, Period from, Period to) =>
        winners
            .Filter(w => w.Period >= from && w.Period <= to && w.Source.Amount.HasValue)
            .Map(w => new DeclaredTax(w.Kind, w.Period, Money.Pln(w.Source.Amount!.Value), w.Source));

    private static Seq<SyncEvent> Missing(Seq<Winner> winners, Period from, Period to, DateOnly today)
    {
        var declared = winners.Map(w => (w.Kind, w.Period)).ToHashSet();
        var filed = winners
            .Filter(w => w.Period.Year >= from.Year && w.Period.Year <= to.Year)
            .GroupBy(w => w.Kind)
            .OrderBy(g => g.Key);
        var events = new List<SyncEvent>();
        foreach (var kind in filed)
        {
            var sample = kind.First().Source;
            foreach (var period in Period.Range(from, to))
            {
                if (kind.Key.IsQuarterly() && !period.IsQuarterEnd) continue;
                if (DueDates.ForTax(kind.Key, period) > today) continue;
                if (!declared.Contains((kind.Key, period))) events.Add(MissingDeclaration(kind.Key, period, sample));
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
