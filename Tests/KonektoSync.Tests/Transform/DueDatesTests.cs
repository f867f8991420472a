using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class DueDatesTests
{
    [Theory]
    [InlineData(TaxKind.Vat7, "2023-07", "2023-08-25")]
    [InlineData(TaxKind.Vat7K, "2023-07", "2023-10-25")]
    [InlineData(TaxKind.Vat7K, "2023-09", "2023-10-25")]
    [InlineData(TaxKind.Pit4, "2023-07", "2023-08-21")]   // the 20th is a Sunday
    [InlineData(TaxKind.Pit28, "2023-07", "2023-08-21")]  // rp.pl calendar, August 2023
    [InlineData(TaxKind.Pit28, "2022-12", "2023-02-28")]  // transitional rule for December 2022
    [InlineData(TaxKind.Pit28, "2023-12", "2024-01-22")]  // 20 Jan 2024 is a Saturday
    [InlineData(TaxKind.Cit, "2024-04", "2024-05-20")]
    [InlineData(TaxKind.Vat7, "2025-11", "2025-12-29")]   // 25 Dec holiday, then 26 Dec and the weekend
    public void A_tax_is_due_on_its_statutory_day_moved_past_days_off(TaxKind kind, string period, string expected)
    {
        var due = DueDates.ForTax(kind, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }

    [Theory]
    [InlineData(PayerType.Other, "2023-07", "2023-08-21")] // 2023-08-20 is a Sunday
    [InlineData(PayerType.SelfOnly, "2023-07", "2023-08-21")]
    [InlineData(PayerType.LegalPerson, "2023-07", "2023-08-16")] // 15 Aug holiday
    [InlineData(PayerType.BudgetUnit, "2023-07", "2023-08-07")] // the 5th is a Saturday
    [InlineData(PayerType.SelfOnly, "2021-06", "2021-07-12")] // before 2022: the 10th (a Saturday)
    [InlineData(PayerType.Other, "2021-06", "2021-07-15")]    // before 2022: the 15th
    [InlineData(PayerType.SelfOnly, "2021-12", "2022-01-20")] // the deadline falls in 2022
    public void Zus_is_due_by_the_payer_types_day_of_the_next_month(PayerType type, string period, string expected)
    {
        var due = DueDates.ForZus(type, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }
}
