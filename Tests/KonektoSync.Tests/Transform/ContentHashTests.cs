using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class ContentHashTests
{
    [Fact]
    public void The_canonical_text_of_a_tax_has_a_fixed_layout_and_two_decimals()
    {
        var body = new FactBody.Tax(new TaxLiability(FirmNip, TaxKind.Vat7, P(2024, 3), Money.Pln(1234.5m)),
            new DateOnly(2024, 4, 25));

        var text = ContentHash.CanonicalText(body, TestKeys.Pesel);

        Assert.Equal("tax/1|1234563218|VAT-7|2024-03|1234.50|2024-04-25", text);
        Assert.Equal(Hashing.Hex(text), ContentHash.Of(body, TestKeys.Pesel));
    }

    [Fact]
    public void The_canonical_text_never_holds_a_pesel()
    {
        var body = new FactBody.Zus(Contribution(Owner, P(2024, 3), 100m), new DateOnly(2024, 4, 22));

        var text = ContentHash.CanonicalText(body, TestKeys.Pesel);

        Assert.DoesNotContain(OwnerPesel.Value, text);
        Assert.Contains(Owner.Key, text);
    }
}
