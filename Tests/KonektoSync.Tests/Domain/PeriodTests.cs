using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Domain;

public class PeriodTests
{
    private static Period P(int year, int month) => DomainGen.Valid(Period.Create(year, month));

    [Fact]
    public void December_is_followed_by_january_of_the_next_year()
    {
        var sut = P(2023, 12);

        var actual = sut.Next;

        Assert.Equal(P(2024, 1), actual);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(12, 4)]
    public void A_month_belongs_to_its_quarter(int month, int expected)
    {
        var actual = P(2024, month).Quarter;

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Range_includes_both_ends_across_a_year()
    {
        var actual = Period.Range(P(2023, 11), P(2024, 2));

        Assert.Equal(Seq(P(2023, 11), P(2023, 12), P(2024, 1), P(2024, 2)), actual);
    }

    [Theory]
    [InlineData("2024-02", true)]
    [InlineData(" 2024-02 ", true)]
    [InlineData("2024-13", false)]
    [InlineData("02/2024", false)]
    [InlineData("1989-12", false)]
    public void Parses_year_dash_month(string raw, bool expected)
    {
        var actual = Period.Parse(raw);

        Assert.Equal(expected, actual.IsSuccess);
    }

    [Fact]
    public void A_month_out_of_range_is_rejected_with_its_code()
    {
        var actual = Period.Create(2024, 13);

        Assert.Equal(Seq1("period.range"), actual.FailToSeq().Map(p => p.Code));
    }

    [Fact]
    public void February_of_a_leap_year_ends_on_the_29th()
    {
        var actual = P(2024, 2).LastDay;

        Assert.Equal(new DateOnly(2024, 2, 29), actual);
    }
}
