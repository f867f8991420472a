using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using KonektoSync.Transform.Facts;

namespace KonektoSync.Tests.Transform;

[Properties(Arbitrary = new[] { typeof(RulesArbitraries) }, MaxTest = 300)]
public class ContentHashProperties
{
    [Property]
    public bool The_hash_is_the_same_for_equal_bodies(ZusContribution c)
    {
        var a = new FactBody.Zus(c, DueDates.ForZus(c.PayerType, c.Period));
        var b = new FactBody.Zus(c with { Components = c.Components with { } }, DueDates.ForZus(c.PayerType, c.Period));

        return ContentHash.Of(a, TestKeys.Pesel) == ContentHash.Of(b, TestKeys.Pesel) && ContentHash.Of(a, TestKeys.Pesel).Length == 64;
    }

    [Property]
    public Property The_hash_changes_when_any_amount_changes() =>
        Prop.ForAll(RulesArbitraries.Contributions(), Gen.Choose(0, 8).ToArbitrary(),
            Gen.Choose(1, 100_000).ToArbitrary(), (c, which, grosze) =>
            {
                var due = DueDates.ForZus(c.PayerType, c.Period);
                var changed = c with { Components = Change(c.Components, which, Money.Pln(grosze / 100m)) };

                return ContentHash.Of(new FactBody.Zus(c, due), TestKeys.Pesel) != ContentHash.Of(new FactBody.Zus(changed, due), TestKeys.Pesel);
            });

    [Property]
    public bool The_hash_of_a_tax_changes_when_its_amount_changes(TaxKind kind, Period period, PositiveInt grosze)
    {
        var tax = new TaxLiability(RulesTestData.FirmNip, kind, period, Money.Pln(10m));
        var due = DueDates.ForTax(kind, period);

        var other = tax with { Amount = tax.Amount + Money.Pln(grosze.Get / 100m) };

        return ContentHash.Of(new FactBody.Tax(tax, due), TestKeys.Pesel) != ContentHash.Of(new FactBody.Tax(other, due), TestKeys.Pesel);
    }

    [Property]
    public Property An_amount_is_written_in_the_canonical_text_as_its_two_decimal_invariant_text() =>
        Prop.ForAll(Amounts().ToArbitrary(), amount =>
        {
            var money = Money.Pln(amount);
            var tax = new TaxLiability(RulesTestData.FirmNip, TaxKind.Vat7, Period.Of(new DateOnly(2024, 3, 1)), money);

            var fields = ContentHash.CanonicalText(new FactBody.Tax(tax, new DateOnly(2024, 4, 25)), TestKeys.Pesel).Split('|');

            return fields[4] == money.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        });

    /// <summary>
    /// Amounts of every size and sign: grosze of a long (with a scale of 0 to 2, and trailing
    /// zeros), and any decimal (up to 28 digits, which take the formatting call).
    /// </summary>
    private static Gen<decimal> Amounts() =>
        Gen.OneOf(
            Gen.Choose(0, 2).SelectMany(scale => ArbMap.Default.GeneratorFor<long>(),
                (scale, units) => new decimal(units) / (scale == 0 ? 1m : scale == 1 ? 10m : 100m)),
            Gen.Elements(0m, -0m, 0.00m, -0.001m, 0.005m, 99_999_999_999_999.99m, 100_000_000_000_000.00m,
                -100_000_000_000_000.01m, decimal.MaxValue / 1000m, decimal.MinValue / 1000m),
            ArbMap.Default.GeneratorFor<decimal>());

    private static ZusComponents Change(ZusComponents k, int which, Money delta) => which switch
    {
        0 => k with { Emerytalne = k.Emerytalne + delta },
        1 => k with { Rentowe = k.Rentowe + delta },
        2 => k with { Chorobowe = k.Chorobowe + delta },
        3 => k with { Wypadkowe = k.Wypadkowe + delta },
        4 => k with { Zdrowotne = k.Zdrowotne + delta },
        5 => k with { FpFs = k.FpFs + delta },
        6 => k with { Fgsp = k.Fgsp + delta },
        7 => k with { Fep = k.Fep + delta },
        _ => k with { TotalDue = k.TotalDue + delta },
    };
}
