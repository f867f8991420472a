using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Rules;

/// <summary>A month's tax taken from a declaration.</summary>
public sealed record DeclaredTax(TaxKind Kind, Period Period, Money Amount, RawDeclaration Source);

/// <summary>Taxes read from declarations, and what the event log should say about them.</summary>
public sealed record DeclaredTaxes(Seq<DeclaredTax> Taxes, Seq<SyncEvent> Events);

/// <summary>
/// Rule 5 (Raks): taxes for a month exist only where a declaration for that month was added.
/// No declaration, no value (never a zero), and for a tax the firm files an event per missing
/// month that says how to add it. PIT-4R / PIT-8AR give monthly advances by rule 4.
/// </summary>
public static class DeclarationGate
{
    /// <summary>
    /// The month of a declaration is the month of its date. Of several declarations of one tax
    /// and month the latest created wins (tie: the larger document id). A tax is filed by the firm
    /// when it has a declaration of it in the years of <paramref name="from"/>..<paramref name="to"/>;
    /// for such a tax every month of the range without a declaration gives an event (VAT-7K:
    /// quarter-end months only). Unknown form names give one info event per name.
    /// </summary>
    public static DeclaredTaxes Apply(Seq<RawDeclaration> declarations, Period from, Period to) =>
        Resolve(declarations, from, to, reportMissing: true);

    /// <summary>Declarations as given (programs without the gate): the same, without missing-month events.</summary>
    public static DeclaredTaxes AsGiven(Seq<RawDeclaration> declarations, Period from, Period to) =>
        Resolve(declarations, from, to, reportMissing: false);

    private static DeclaredTaxes Resolve(
        Seq<RawDeclaration> declarations, Period from, Period to, bool reportMissing)
    {
        var events = new List<SyncEvent>();
        var recognized = new List<(TaxKind Kind, RawDeclaration Source)>();
        var unknown = new SortedDictionary<string, RawDeclaration>(StringComparer.Ordinal);
        foreach (var d in declarations)
        {
            TaxForms.Recognize(d.FormName).Match(
                Some: f => recognized.Add((f.Kind, d)),
                None: () => { unknown.TryAdd(TaxForms.Normalize(d.FormName), d); });
        }
        events.AddRange(unknown.Values.Select(UnknownForm));

        var winners = recognized
            .Where(r => r.Source.DeclarationDate.HasValue)
            .GroupBy(r => (r.Kind, Period: Period.Of(r.Source.DeclarationDate!.Value)))
            .Select(g => (g.Key.Kind, g.Key.Period,
                Source: MonthlyFromAnnual.Latest(g.Select(r => r.Source))))
            .ToList();

        var taxes = winners
            .Where(w => w.Period >= from && w.Period <= to && w.Source.Amount.HasValue)
            .OrderBy(w => w.Kind).ThenBy(w => w.Period)
            .Select(w => new DeclaredTax(w.Kind, w.Period, Money.Pln(w.Source.Amount!.Value), w.Source))
            .ToSeq();

        if (reportMissing) events.AddRange(Missing(winners, from, to));
        return new DeclaredTaxes(taxes, events.ToSeq());
    }

    private static IEnumerable<SyncEvent> Missing(
        List<(TaxKind Kind, Period Period, RawDeclaration Source)> winners, Period from, Period to)
    {
        var declared = winners.Select(w => (w.Kind, w.Period)).ToHashSet();
        var filed = winners
            .Where(w => w.Period.Year >= from.Year && w.Period.Year <= to.Year)
            .GroupBy(w => w.Kind)
            .OrderBy(g => g.Key);
        foreach (var kind in filed)
        {
            var sample = kind.First().Source;
            foreach (var month in Period.Range(from, to))
            {
                if (kind.Key == TaxKind.Vat7K && !month.IsQuarterEnd) continue;
                if (!declared.Contains((kind.Key, month))) yield return MissingDeclaration(kind.Key, month, sample);
            }
        }
    }

    private static SyncEvent MissingDeclaration(TaxKind kind, Period month, RawDeclaration sample) =>
        kind switch
        {
            TaxKind.Pit4 or TaxKind.Pit8A => SyncEvent.Of(Severity.Warning, "raks.declaration-missing",
                $"Raks: no {AnnualForm(kind)} declaration dated in {month}, so there is no {kind.Code()} advance for {month}",
                $"generate {AnnualForm(kind)} dated {month.LastDay:yyyy-MM-dd} (the last day of the month) " +
                "in Kadry i Płace > Zestawienia > Deklaracje (Shift+Ctrl+D)",
                sample.Program, sample.Firm, DataKind.Taxes, month, kind.Code(), month.ToString(), "annual",
                AnnualForm(kind), $"{month.LastDay:yyyy-MM-dd}"),
            _ => SyncEvent.Of(Severity.Warning, "raks.declaration-missing",
                $"Raks: no {kind.Code()} declaration for {month}",
                "add it in Księgowość > Deklaracje (Ctrl+F6)",
                sample.Program, sample.Firm, DataKind.Taxes, month, kind.Code(), month.ToString(), "monthly"),
        };

    private static string AnnualForm(TaxKind kind) => kind == TaxKind.Pit4 ? "PIT-4R" : "PIT-8AR";

    private static SyncEvent UnknownForm(RawDeclaration d) =>
        SyncEvent.Of(Severity.Info, "declaration.form-unknown",
            $"{d.Program}: declarations named '{d.FormName}' are not a tax KonektoSync loads; they were skipped",
            "", d.Program, d.Firm, DataKind.Taxes, null, d.FormName, d.Program.ToString());
}
