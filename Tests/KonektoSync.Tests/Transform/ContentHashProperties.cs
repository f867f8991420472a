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
