using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

/// <summary>
/// The content hash of every fact body kind, pinned as literal values. A change of canonical
/// text makes every office re-send every fact of that kind; it must be a deliberate change
/// (a new tag version, e.g. "firm/2" to "firm/3"), made together with these values.
/// </summary>
public class ContentHashPinnedTests
{
    private static readonly Person Anna = new("Anna", "Nowak", Some(OwnerPesel), None,
        Some("anna@nowak.pl"), Some("600 100 200"), PersonRole.Owner);

    private static readonly Person Piotr = new("Piotr", "Nowak", None,
        Some(Valid(Nip.Create("8567346215"))), None, None, PersonRole.Partner);

    private static FactBody.BasicData Firm(params Person[] people) =>
        new(new Firm(FirmNip, "Piekarnia Nowak | s.c.", Some(Valid(Regon.Create("123456785"))),
            "ul. Długa 5, 00-001 Warszawa", Some("biuro@nowak.pl"), None, toSeq(people)));

    private static FactBody.Zus Zus(ZusOrigin origin, PeselKey key) =>
        new(Contribution(Owner.DigestedWith(key), P(2024, 3), 1234.56m) with { Origin = origin }, new DateOnly(2024, 4, 22));

    /// <summary>The values under the fixed test key (<see cref="TestKeys.Pesel"/>).</summary>
    public static TheoryData<string, FactBody, string, string> Pinned => new()
    {
        {
            "basic data with people", Firm(Anna, Piotr),
            "firm/2|1234563218|Piekarnia Nowak \\p s.c.|123456785|ul. Długa 5, 00-001 Warszawa|biuro@nowak.pl|\\0|2|person|Anna|Nowak|pesel:1a632b6fc8fc40d5|\\0|anna@nowak.pl|600 100 200|Owner|person|Piotr|Nowak|\\0|8567346215|\\0|\\0|Partner",
            "bb43adb0853be895531f95c5114133f6a54638b7bbf109c146af2d6bef75362d"
        },
        {
            "ZUS filed", Zus(ZusOrigin.Filed, TestKeys.Pesel),
            "zus/1|1234563218|pesel:1a632b6fc8fc40d5|SelfOnly|2024-03|Filed|617.28|246.91|0.00|1.00|370.37|0.00|0.00|0.00|1234.56|2024-04-22",
            "68860bf77300005c2434153f02b4b50923f3eff30ecaa494135eef1448fcb420"
        },
        {
            "ZUS copied", Zus(ZusOrigin.Copied, TestKeys.Pesel),
            "zus/1|1234563218|pesel:1a632b6fc8fc40d5|SelfOnly|2024-03|Copied|617.28|246.91|0.00|1.00|370.37|0.00|0.00|0.00|1234.56|2024-04-22",
            "b745b33a979d309dc5d04c37c85e2c56c683e5d5b3f83b6dc1f0f0ab3bee7ec0"
        },
        {
            "tax", new FactBody.Tax(new TaxLiability(FirmNip, TaxKind.Vat7, P(2024, 3), Money.Pln(1234.5m)),
                new DateOnly(2024, 4, 25)),
            "tax/1|1234563218|VAT-7|2024-03|1234.50|2024-04-25",
            "d8d216e77b85b54f9d7e65d9fa79bc618bd7a185d46a0fd2d3af5cb271f3e2f0"
        },
        {
            "trial balance line", new FactBody.TrialBalance(new TrialBalanceLine(FirmNip, P(2024, 3), "201-1",
                "Rozrachunki z odbiorcami", Money.Pln(100m), Money.Zero, Money.Pln(2500.05m), Money.Pln(1000m),
                Money.Pln(7000m), Money.Pln(3000.1m), Money.Pln(1600.05m), Money.Zero)),
            "trialbalance/1|1234563218|2024-03|201-1|Rozrachunki z odbiorcami|100.00|0.00|2500.05|1000.00|7000.00|3000.10|1600.05|0.00",
            "dbb9302a385649ba4924f5c6002902d548adba0227d7e1d2d8222c1abe7f7ef1"
        },
        {
            "tax book", new FactBody.TaxBook(new TaxBookSummary(FirmNip, P(2024, 3), Money.Pln(10000m),
                Money.Pln(4000.4m), Money.Pln(5999.6m), Money.Pln(30000m), Money.Pln(12000m), Money.Pln(18000m))),
            "taxbook/1|1234563218|2024-03|10000.00|4000.40|5999.60|30000.00|12000.00|18000.00",
            "dd5d37cb173c5a32dc0c78f4807be69d16ddb088c59aa158496b785b88db31f6"
        },
    };

    /// <summary>
    /// The values the versions before keyed digests gave (the unkeyed digest): the move of an
    /// older data folder (PeselRekey) recognises its stored hashes by them.
    /// </summary>
    public static TheoryData<string, FactBody, string, string> Unkeyed => new()
    {
        {
            "basic data with people", Firm(Anna, Piotr),
            "firm/2|1234563218|Piekarnia Nowak \\p s.c.|123456785|ul. Długa 5, 00-001 Warszawa|biuro@nowak.pl|\\0|2|person|Anna|Nowak|pesel:ca7e084373515292|\\0|anna@nowak.pl|600 100 200|Owner|person|Piotr|Nowak|\\0|8567346215|\\0|\\0|Partner",
            "7a1f0899063c1d5a21b46346ac21e23dcee6712cf8f5c7695d0c8059583cb439"
        },
        {
            "ZUS filed", Zus(ZusOrigin.Filed, PeselKey.Unkeyed),
            "zus/1|1234563218|pesel:ca7e084373515292|SelfOnly|2024-03|Filed|617.28|246.91|0.00|1.00|370.37|0.00|0.00|0.00|1234.56|2024-04-22",
            "15ca04215bd4c2199977b390b3ccdb6e7ab0a54d9670ef239cd8d4d517626c34"
        },
        {
            "ZUS copied", Zus(ZusOrigin.Copied, PeselKey.Unkeyed),
            "zus/1|1234563218|pesel:ca7e084373515292|SelfOnly|2024-03|Copied|617.28|246.91|0.00|1.00|370.37|0.00|0.00|0.00|1234.56|2024-04-22",
            "b3f51679bfe6702871c5086aaf1c83c4614dc129516a019196ea19707ecba1dc"
        },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Each_body_kind_has_a_fixed_canonical_text_and_hash(string kind, FactBody body, string text,
        string hash)
    {
        Assert.Equal((kind, text), (kind, ContentHash.CanonicalText(body, TestKeys.Pesel)));
        Assert.Equal((kind, hash), (kind, ContentHash.Of(body, TestKeys.Pesel)));
    }

    [Theory]
    [MemberData(nameof(Unkeyed))]
    public void The_unkeyed_digest_gives_the_texts_and_hashes_of_the_versions_before_it(string kind, FactBody body,
        string text, string hash)
    {
        Assert.Equal((kind, text), (kind, ContentHash.CanonicalText(body, PeselKey.Unkeyed)));
        Assert.Equal((kind, hash), (kind, ContentHash.Of(body, PeselKey.Unkeyed)));
    }

    [Fact]
    public void Another_key_gives_another_hash_to_a_fact_that_holds_a_pesel()
    {
        Assert.NotEqual(ContentHash.Of(Firm(Anna, Piotr), TestKeys.Pesel), ContentHash.Of(Firm(Anna, Piotr), TestKeys.Other));
        Assert.NotEqual(ContentHash.Of(Zus(ZusOrigin.Filed, TestKeys.Pesel), TestKeys.Pesel),
            ContentHash.Of(Zus(ZusOrigin.Filed, TestKeys.Other), TestKeys.Other));
    }

    [Fact]
    public void The_order_a_program_lists_people_in_does_not_change_the_hash()
    {
        Assert.Equal(ContentHash.Of(Firm(Anna, Piotr), TestKeys.Pesel), ContentHash.Of(Firm(Piotr, Anna), TestKeys.Pesel));
    }

    [Fact]
    public void A_zero_amount_has_one_text_whatever_its_sign()
    {
        var negativeZero = Money.Pln(-0.001m);
        var tax = new TaxLiability(FirmNip, TaxKind.Pit4, P(2024, 3), Money.Zero);
        var due = new DateOnly(2024, 4, 20);

        Assert.Equal(ContentHash.Of(new FactBody.Tax(tax, due), TestKeys.Pesel),
            ContentHash.Of(new FactBody.Tax(tax with { Amount = negativeZero }, due), TestKeys.Pesel));
    }
}
