using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;

namespace KonektoSync.Tests.Domain;

public class MoneyProperties
{
    private static Arbitrary<decimal> Amounts =>
        Gen.Choose(-10_000_000, 10_000_000).Select(g => g / 100m).ToArbitrary();

    [Property]
    public Property Adding_then_subtracting_gives_the_amount_back() =>
        Prop.ForAll(Amounts, Amounts, (a, b) =>
            Money.Pln(a) + Money.Pln(b) - Money.Pln(b) == Money.Pln(a));

    [Property]
    public Property Zero_is_neutral() =>
        Prop.ForAll(Amounts, a => Money.Pln(a) + Money.Zero == Money.Pln(a));

    [Property]
    public Property Rounding_twice_changes_nothing() =>
        Prop.ForAll(Amounts, a => Money.Pln(Money.Pln(a / 7m).Amount) == Money.Pln(a / 7m));
}
