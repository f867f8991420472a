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
    [InlineData(PayerType.SelfOnly, "2021-12", "2022-01-10")] // December 2021 still the old 10th
    public void Zus_is_due_by_the_payer_types_day_of_the_next_month(PayerType type, string period, string expected)
    {
        var due = DueDates.ForZus(type, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }

    // ZUS, art. 47 ust. 1 as changed by the act of 24 June 2021: contributions for January 2022 on.
    [Theory]
    [InlineData(PayerType.SelfOnly, "2021-11", "2021-12-10")]    // before: the 10th
    [InlineData(PayerType.SelfOnly, "2021-12", "2022-01-10")]    // the last old month
    [InlineData(PayerType.SelfOnly, "2022-01", "2022-02-21")]    // the first new month: 20 Feb 2022 a Sunday
    [InlineData(PayerType.SelfOnly, "2022-02", "2022-03-21")]    // after: 20 Mar 2022 a Sunday
    [InlineData(PayerType.Other, "2021-12", "2022-01-17")]       // the old 15th, a Saturday
    [InlineData(PayerType.Other, "2022-01", "2022-02-21")]       // the new 20th
    [InlineData(PayerType.LegalPerson, "2021-12", "2022-01-17")] // the old 15th
    [InlineData(PayerType.LegalPerson, "2022-01", "2022-02-15")] // still the 15th
    [InlineData(PayerType.BudgetUnit, "2021-12", "2022-01-05")]  // the 5th throughout
    [InlineData(PayerType.BudgetUnit, "2022-01", "2022-02-07")]  // 5 Feb 2022 a Saturday
    public void Zus_deadlines_switch_with_the_contributions_for_january_2022(PayerType type, string period, string expected)
    {
        var due = DueDates.ForZus(type, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }

    // PIT advances on business income, art. 44 ust. 6 of the PIT act: December / Q4 due 20 December
    // of the same year up to 2011, 20 January of the next year from 2012.
    [Theory]
    [InlineData(TaxKind.Pit5, "2011-11", "2011-12-20")]
    [InlineData(TaxKind.Pit5, "2011-12", "2011-12-20")]          // the last old December
    [InlineData(TaxKind.Pit5, "2012-01", "2012-02-20")]
    [InlineData(TaxKind.Pit5, "2012-12", "2013-01-21")]          // the first new December; 20 Jan 2013 a Sunday
    [InlineData(TaxKind.Pit5, "2013-12", "2014-01-20")]
    [InlineData(TaxKind.Pit5Quarterly, "2011-09", "2011-10-20")]
    [InlineData(TaxKind.Pit5Quarterly, "2011-10", "2011-12-20")] // Q4 2011
    [InlineData(TaxKind.Pit5Quarterly, "2012-12", "2013-01-21")] // Q4 2012
    [InlineData(TaxKind.Pit5Quarterly, "2024-02", "2024-04-22")] // Q1 2024: 20 Apr a Saturday
    public void Pit_advances_for_december_moved_to_january_from_2012(TaxKind kind, string period, string expected)
    {
        var due = DueDates.ForTax(kind, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }

    // Ryczałt, art. 21 ust. 1 of the ryczałt act: December / Q4 with the annual return (31 January,
    // then the end of February from the return for 2019), and 20 January from December 2023.
    [Theory]
    [InlineData(TaxKind.Pit28, "2014-12", "2015-02-02")]          // 31 Jan 2015 a Saturday
    [InlineData(TaxKind.Pit28, "2018-11", "2018-12-20")]
    [InlineData(TaxKind.Pit28, "2018-12", "2019-01-31")]          // the last 31 January
    [InlineData(TaxKind.Pit28, "2019-12", "2020-03-02")]          // end of February: 29 Feb 2020 a Saturday
    [InlineData(TaxKind.Pit28, "2021-12", "2022-02-28")]
    [InlineData(TaxKind.Pit28, "2022-12", "2023-02-28")]          // transitional rule of the act of 9 June 2022
    [InlineData(TaxKind.Pit28, "2023-01", "2023-02-20")]
    [InlineData(TaxKind.Pit28, "2023-12", "2024-01-22")]          // the first 20 January; a Saturday
    [InlineData(TaxKind.Pit28Quarterly, "2022-10", "2023-02-28")] // Q4 2022
    [InlineData(TaxKind.Pit28Quarterly, "2023-11", "2024-01-22")] // Q4 2023
    [InlineData(TaxKind.Pit28Quarterly, "2023-05", "2023-07-20")] // Q2 2023
    public void Ryczalt_for_december_follows_the_annual_return_until_2022(TaxKind kind, string period, string expected)
    {
        var due = DueDates.ForTax(kind, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }

    [Theory]
    [InlineData(TaxKind.Vat7D, "2015-02", "2015-04-27")]         // Q1 2015: 25 Apr a Saturday
    [InlineData(TaxKind.Vat7K, "2024-12", "2025-01-27")]         // Q4 2024: 25 Jan 2025 a Saturday
    [InlineData(TaxKind.CitQuarterly, "2024-02", "2024-04-22")]  // Q1 2024: 20 Apr a Saturday
    [InlineData(TaxKind.Cit, "2023-12", "2024-01-22")]           // 20 Jan 2024 a Saturday
    [InlineData(TaxKind.Pit8A, "2023-12", "2024-01-22")]
    public void Quarterly_returns_and_advances_are_due_after_their_quarter(TaxKind kind, string period, string expected)
    {
        var due = DueDates.ForTax(kind, P(period));

        Assert.Equal(DateOnly.Parse(expected), due);
    }

    [Fact]
    public void The_one_off_day_off_of_12_november_2018_is_skipped_like_a_holiday()
    {
        var saturday = new DateOnly(2018, 11, 10);

        Assert.Equal(new DateOnly(2018, 11, 13), PolishCalendar.NextWorkingDay(saturday));
        Assert.Equal(new DateOnly(2019, 11, 12), PolishCalendar.NextWorkingDay(new DateOnly(2019, 11, 12)));
    }
}
