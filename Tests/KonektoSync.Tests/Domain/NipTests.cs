using KonektoSync.Domain;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Domain;

public class NipTests
{
    [Theory]
    [InlineData("1234563218", "1234563218")]
    [InlineData("8567346215", "8567346215")]
    [InlineData("PL 856-734-62-15", "8567346215")]
    [InlineData("856-73-46-215", "8567346215")]
    [InlineData("pl8567346215", "8567346215")]
    [InlineData(" 856 734 62 15 ", "8567346215")]
    public void Accepts_a_valid_nip_in_any_written_style_and_keeps_ten_digits(string raw, string expected)
    {
        var actual = Nip.Create(raw);

        Assert.Equal(Seq1(expected), actual.SuccessToSeq().Map(n => n.Value));
    }

    [Theory]
    [InlineData("8567346216", "nip.checksum")]
    [InlineData("5260250275", "nip.checksum")]
    [InlineData("1234567890", "nip.checksum")] // the weighted sum mod 11 is 10: never issued
    [InlineData("856734621", "nip.format")]
    [InlineData("85673462155", "nip.format")]
    [InlineData("85673462x5", "nip.format")]
    [InlineData("", "nip.missing")]
    [InlineData("   ", "nip.missing")]
    [InlineData(null, "nip.missing")]
    public void Rejects_an_invalid_nip_with_a_stable_code(string? raw, string expected)
    {
        var actual = Nip.Create(raw);

        Assert.Equal(Seq1(expected), actual.FailToSeq().Map(p => p.Code));
    }

    [Fact]
    public void Says_which_nip_has_a_wrong_check_digit()
    {
        var actual = Nip.Create("526-025-02-75");

        Assert.Equal(Seq1("NIP 526-025-02-75: wrong check digit"),
            actual.FailToSeq().Map(p => p.Message));
    }

    [Fact]
    public void Formats_as_three_three_two_two()
    {
        var sut = Nip.Create("8567346215").SuccessToSeq().Head;

        var actual = sut.Formatted;

        Assert.Equal("856-734-62-15", actual);
    }
}
