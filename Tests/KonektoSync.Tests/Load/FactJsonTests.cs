using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

public class FactJsonTests
{
    public static TheoryData<string> Kinds => new() { "basic", "zus", "tax", "tb", "kpir" };

    private static Fact Sample(string kind) => kind switch
    {
        "basic" => Basic(FirmA, "Firma \"Ząb\", s.c.", "biuro@zab.pl",
            Owner("Anna", "Żółć", "44051401359", "anna@zab.pl"),
            Owner("Jan", "Nowak", null, null)),
        "zus" => Zus(FirmA, Month(2024, 2), 1234.56m),
        "tax" => Tax(FirmB, TaxKind.Vat7K, Month(2024, 3), -17.05m),
        "tb" => TrialBalance(FirmC, Month(2023, 12), "201-1", 99999999.99m),
        _ => TaxBook(FirmA, Month(2024, 1), 1000.01m),
    };

    [Theory, MemberData(nameof(Kinds))]
    public void A_fact_read_back_from_its_json_equals_the_fact(string kind)
    {
        var fact = Sample(kind);

        var actual = FactJson.Read(FactJson.Write(fact));

        Assert.Equal(fact, actual.Match(f => f, p => throw new Xunit.Sdk.XunitException(p.Message)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_same_fact_always_gives_the_same_json(string kind)
    {
        var first = FactJson.Write(Sample(kind));

        var second = FactJson.Write(Sample(kind));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"key":{"firm":"1234563219","kind":"zus","subject":"x"},"source":"optima","hash":"h","body":{"type":"zus"}}""")]
    [InlineData("""{"key":{"firm":"1234563218","kind":"zus","subject":"x"},"source":"optima","hash":"h","body":{"type":"alien"}}""")]
    public void Json_that_is_not_a_valid_fact_is_a_problem(string json)
    {
        var actual = FactJson.Read(json);

        Assert.True(actual.IsLeft);
    }

    [Fact]
    public void A_nip_with_a_wrong_check_digit_is_the_nip_problem()
    {
        var json = FactJson.Write(Zus(FirmA, Month(2024, 2), 10m))
            .Replace("\"firm\":\"1234563218\"", "\"firm\":\"1234563219\"");

        var actual = FactJson.Read(json);

        Assert.Equal("nip.checksum", actual.Match(_ => "", p => p.Code));
    }
}
