using KonektoSync.Domain;

namespace KonektoSync.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData(10.005, "10.01")]
    [InlineData(-10.005, "-10.01")]
    [InlineData(10.004, "10.00")]
    [InlineData(0, "0.00")]
    public void Rounds_half_away_from_zero_to_the_grosz(double amount, string expected)
    {
        var actual = Money.Pln((decimal)amount);

        Assert.Equal(expected, actual.ToString());
    }

    [Fact]
    public void Adds_and_subtracts_amounts()
    {
        var a = Money.Pln(100.10m);
        var b = Money.Pln(0.95m);

        var actual = (a + b, a - b);

        Assert.Equal((Money.Pln(101.05m), Money.Pln(99.15m)), actual);
    }
}
