using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class MonthlyFromAnnualTests
{
    [Fact]
    public void A_pit4r_dated_the_last_day_of_february_gives_february_only()
    {
        var pit4r = Declaration("1", "PIT-4R", new DateOnly(2019, 2, 28), 1234.50m);

        var months = MonthlyFromAnnual.Take(Seq1(pit4r));

        var only = Assert.Single(months);
        Assert.Equal(P(2019, 2), only.Period);
        Assert.Equal(Money.Pln(1234.50m), only.Amount);
        Assert.Same(pit4r, only.Source);
    }

    [Fact]
    public void Of_two_declarations_dated_in_one_month_the_latest_created_wins()
    {
        var older = Declaration("7", "PIT-4R", new DateOnly(2024, 3, 31), 100m, new DateTime(2024, 4, 2));
        var newer = Declaration("3", "PIT-4R", new DateOnly(2024, 3, 31), 150m, new DateTime(2024, 4, 9));

        var months = MonthlyFromAnnual.Take(Seq(newer, older));

        Assert.Equal(Money.Pln(150m), Assert.Single(months).Amount);
    }

    [Fact]
    public void A_tie_on_creation_goes_to_the_larger_document_id()
    {
        var at = new DateTime(2024, 4, 2);
        var nine = Declaration("9", "PIT-8AR", new DateOnly(2024, 3, 31), 90m, at);
        var ten = Declaration("10", "PIT-8AR", new DateOnly(2024, 3, 31), 100m, at);

        var months = MonthlyFromAnnual.Take(Seq(ten, nine));

        Assert.Equal(Money.Pln(100m), Assert.Single(months).Amount);
    }

    [Fact]
    public void A_month_without_a_declaration_dated_in_it_has_no_value()
    {
        var jan = Declaration("1", "PIT-4R", new DateOnly(2024, 1, 31), 10m);
        var mar = Declaration("2", "PIT-4R", new DateOnly(2024, 3, 31), 30m);

        var months = MonthlyFromAnnual.Take(Seq(jan, mar));

        Assert.Equal(new[] { P(2024, 1), P(2024, 3) }, months.Map(m => m.Period).ToArray());
    }

    [Fact]
    public void A_winning_declaration_without_an_amount_gives_no_value_rather_than_zero()
    {
        var older = Declaration("1", "PIT-4R", new DateOnly(2024, 1, 31), 10m, new DateTime(2024, 2, 1));
        var newer = Declaration("2", "PIT-4R", new DateOnly(2024, 1, 31), null, new DateTime(2024, 2, 5));

        var months = MonthlyFromAnnual.Take(Seq(older, newer));

        Assert.Empty(months);
    }
}
