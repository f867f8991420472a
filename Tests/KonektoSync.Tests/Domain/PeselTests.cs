using KonektoSync.Domain;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Domain;

public class PeselTests
{
    [Theory]
    [InlineData("44051401359", "1944-05-14", Sex.Male)]
    [InlineData("02211307589", "2002-01-13", Sex.Female)]
    [InlineData(" 0221130 7589 ", "2002-01-13", Sex.Female)]
    public void Accepts_a_valid_pesel_and_decodes_birth_date_and_sex(string raw, string born, Sex sex)
    {
        var actual = Pesel.Create(raw);

        Assert.Equal(Seq1((DateOnly.Parse(born), sex)),
            actual.SuccessToSeq().Map(p => (p.BirthDate, p.Sex)));
    }

    [Theory]
    [InlineData("44051401358", "pesel.checksum")] // the wrong example of older public pages
    [InlineData("02381307589", "pesel.date")]     // right check digit, month 18 of 2000s
    [InlineData("4405140135", "pesel.format")]
    [InlineData("4405140135a", "pesel.format")]
    [InlineData("PL44051401359", "pesel.format")]
    [InlineData("", "pesel.missing")]
    [InlineData(null, "pesel.missing")]
    public void Rejects_an_invalid_pesel_with_a_stable_code(string? raw, string expected)
    {
        var actual = Pesel.Create(raw);

        Assert.Equal(Seq1(expected), actual.FailToSeq().Map(p => p.Code));
    }

    [Fact]
    public void Never_shows_the_pesel_in_a_message_or_as_text()
    {
        var valid = Pesel.Create("44051401359").SuccessToSeq().Head;

        var rejected = Pesel.Create("44051401358").FailToSeq().Head;

        Assert.Equal("*********59", valid.ToString());
        Assert.DoesNotContain("440514", rejected.Message);
        Assert.DoesNotContain("440514", string.Join("", rejected.Args));
    }
}
