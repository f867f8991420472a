using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;

namespace KonektoSync.Load.Csv;

/// <summary>The dry-run files: their names, headers and the rows of a fact.</summary>
public static class CsvRows
{
    public static string FileOf(DataKind kind) => kind.Code() + ".csv";

    public static IReadOnlyList<string> HeaderOf(DataKind kind) => kind switch
    {
        DataKind.Basic => [.. Lead, "record", "nip", "name", "address", "regon", "role",
            "pesel_masked", "email", "phone"],
        DataKind.Zus => [.. Lead, "period", "payer_key", "payer_label", "payer_type",
            "emerytalne", "rentowe", "chorobowe", "wypadkowe", "zdrowotne", "fp_fs", "fgsp",
            "fep", "total_due", "due_date", "origin"],
        DataKind.Taxes => [.. Lead, "period", "tax", "amount", "due_date"],
        _ => [.. Lead, "period", "line", "account", "name", .. Amounts],
    };

    /// <summary>A fact as rows of its kind's file (basic data: the firm, then each person).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Of(DeliveryItem item, bool approve)
    {
        var lead = LeadOf(item, approve);
        return item.Fact.Body switch
        {
            FactBody.BasicData b => [[.. lead, .. FirmFields(b.Firm)],
                .. b.Firm.People.Select(p => (IReadOnlyList<string>)[.. lead, .. PersonFields(p)])],
            FactBody.Zus z => [[.. lead, .. ZusFields(z)]],
            FactBody.Tax t => [[.. lead, t.Liability.Period.ToString(), t.Liability.Kind.Code(),
                FactJson.Text(t.Liability.Amount), FactJson.Text(t.DueDate)]],
            FactBody.TrialBalance tb => [[.. lead, .. TrialBalanceFields(tb.Line)]],
            FactBody.TaxBook k => [[.. lead, .. TaxBookFields(k.Summary)]],
            _ => throw new ArgumentOutOfRangeException(nameof(item), item.Fact.Body.GetType().Name, null),
        };
    }

    private static readonly string[] Lead = ["status", "key", "firm", "source", "approve"];

    private static readonly string[] Amounts =
        ["opening_dt", "opening_ct", "turnover_dt", "turnover_ct", "cumulative_dt",
         "cumulative_ct", "closing_dt", "closing_ct",
         "revenue", "costs", "income", "revenue_ytd", "costs_ytd", "income_ytd"];

    private static string[] LeadOf(DeliveryItem item, bool approve) =>
        [item.Status.ToString().ToLowerInvariant(), item.Fact.Key.Text,
         item.Fact.Key.Firm.Value, item.Fact.Source.Code(), approve ? "yes" : "no"];

    private static string[] FirmFields(Firm f) =>
        ["firm", f.Nip.Value, f.Name, f.Address, f.Regon.Match(r => r.Value, () => ""), "", "",
         f.Email.IfNone(""), f.Phone.IfNone("")];

    private static string[] PersonFields(Person p) =>
        ["person", p.Nip.Match(n => n.Value, () => ""), p.FullName, "", "",
         p.Role.ToString().ToLowerInvariant(), p.Pesel.Match(x => x.ToString(), () => ""),
         p.Email.IfNone(""), p.Phone.IfNone("")];

    private static string[] ZusFields(FactBody.Zus z) =>
        [z.Contribution.Period.ToString(), z.Contribution.Payer.Key, z.Contribution.Payer.Label,
         z.Contribution.PayerType.ToString(), .. FactBodyJson.Amounts(z.Contribution.Components),
         FactJson.Text(z.DueDate), z.Contribution.Origin.ToString().ToLowerInvariant()];

    private static string[] TrialBalanceFields(TrialBalanceLine l) =>
        [l.Period.ToString(), "trial_balance", l.Account, l.Name,
         .. new[] { l.OpeningDt, l.OpeningCt, l.TurnoverDt, l.TurnoverCt, l.CumulativeDt,
                    l.CumulativeCt, l.ClosingDt, l.ClosingCt }.Select(FactJson.Text),
         "", "", "", "", "", ""];

    private static string[] TaxBookFields(TaxBookSummary s) =>
        [s.Period.ToString(), "tax_book", "", "", "", "", "", "", "", "", "", "",
         .. new[] { s.Revenue, s.Costs, s.Income, s.RevenueYtd, s.CostsYtd, s.IncomeYtd }
             .Select(FactJson.Text)];
}
