using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Load.Panel;
using KonektoSync.Panel.Web.Client;

namespace KonektoSync.Tests.Panel;

/// <summary>What a client sees of their firm, from what the panel holds.</summary>
public class ClientFirmPageTests
{
    internal static PanelEntry Zus(string period, string due, string total, bool approved) =>
        new("zus", "zus", period, "Jan Kowalski", approved, "platnik",
            [KeyValuePair.Create("total_due", total), KeyValuePair.Create("due_date", due)]);

    internal static PanelEntry Tax(string period, string kind, string due, string amount, bool approved) =>
        new("taxes", "taxes", period, kind, approved, "symfonia",
            [KeyValuePair.Create("amount", amount), KeyValuePair.Create("due_date", due)]);

    internal static PanelFirmView Firm(params PanelEntry[] entries) =>
        new("5261040828", "Gęślarz Sp. z o.o.", "", "", "", "", [], entries);

    [Fact]
    public void The_payments_due_this_month_are_the_approved_ones_with_a_due_date_in_it_earliest_first()
    {
        var page = ClientFirmPage.Of(Firm(
            Tax("2024-02", "VAT", "2024-03-25", "900.00", approved: true),
            Zus("2024-02", "2024-03-15", "1184.27", approved: true),
            Tax("2024-02", "PIT-4R", "2024-03-20", "300.00", approved: false),
            Zus("2024-01", "2024-02-15", "1100.00", approved: true)), new DateOnly(2024, 3, 5));

        Assert.Equal([("zus", 1184.27m), ("taxes", 900.00m)], page.DueThisMonth.Select(p => (p.Kind, p.Amount)));
        Assert.Equal(["2024-02", "2024-01"], page.Months.Select(m => m.Period));
        Assert.Equal(2084.27m, page.Months[0].Total);
    }

    [Fact]
    public void Statements_are_shown_only_when_approved_newest_first()
    {
        var page = ClientFirmPage.Of(Firm(
            new PanelEntry("statements", "tax_book", "2024-01", "KPiR", true, "rewizor", []),
            new PanelEntry("statements", "tax_book", "2024-02", "KPiR", true, "rewizor", []),
            new PanelEntry("statements", "trial_balance", "2024-02", "201", false, "rewizor", [])), new DateOnly(2024, 3, 5));

        Assert.Equal([("tax_book", "2024-02"), ("tax_book", "2024-01")], page.Statements.Select(s => (s.Table, s.Period)));
    }

    private static Gen<PanelEntry> Entry =>
        from kind in Gen.Elements("zus", "taxes", "statements")
        from month in Gen.Choose(1, 12)
        from approved in ArbMap.Default.GeneratorFor<bool>()
        from cents in Gen.Choose(0, 1_000_000)
        let period = $"2024-{month:00}"
        let due = $"{(month == 12 ? 2025 : 2024)}-{month % 12 + 1:00}-15"
        let amount = (cents / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture)
        select kind == "zus" ? Zus(period, due, amount, approved)
            : kind == "taxes" ? Tax(period, "VAT", due, amount, approved)
            : new PanelEntry("statements", "tax_book", period, "KPiR", approved, "rewizor", []);

    [Property(MaxTest = 200)]
    public Property A_client_sees_exactly_the_approved_values() =>
        Prop.ForAll(Entry.ArrayOf().ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (entries, month) =>
        {
            var page = ClientFirmPage.Of(Firm(entries), new DateOnly(2024, month, 1));
            var approved = entries.Where(e => e.Approved).ToList();
            return page.Months.Sum(m => m.Payments.Count) == approved.Count(e => e.Kind != "statements")
                && page.Statements.Count == approved.Count(e => e.Kind == "statements")
                && page.Months.Sum(m => m.Total) == approved.Where(e => e.Kind != "statements")
                    .Sum(e => decimal.Parse(e.Fields[0].Value, System.Globalization.CultureInfo.InvariantCulture))
                && page.DueThisMonth.All(p => p.Due!.Value.Month == month);
        });
}
