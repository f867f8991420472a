using KonektoSync.Domain;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Domain;

public class RegonTests
{
    [Theory]
    [InlineData("123456785")]
    [InlineData("192598184")]
    [InlineData("12345678512347")]
    [InlineData("123-456-785")]
    public void Accepts_a_valid_nine_or_fourteen_digit_regon(string raw)
    {
        var actual = Regon.Create(raw);

        Assert.Equal(Seq1(raw.Replace("-", "")), actual.SuccessToSeq().Map(r => r.Value));
    }

    [Theory]
    [InlineData("12345678612342", "regon.checksum")] // the embedded 9-digit check is wrong
    [InlineData("12345678512348", "regon.checksum")] // the last check digit is wrong
    [InlineData("732065834", "regon.checksum")]
    [InlineData("12345678", "regon.format")]
    [InlineData("1234567851234", "regon.format")]
    [InlineData("", "regon.missing")]
    public void Rejects_an_invalid_regon_with_a_stable_code(string raw, string expected)
    {
        var actual = Regon.Create(raw);

        Assert.Equal(Seq1(expected), actual.FailToSeq().Map(p => p.Code));
    }
}
