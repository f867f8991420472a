using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

public sealed class MazoviaEncodingTests
{
    [Theory]
    [InlineData('ą', 0x86)] [InlineData('Ą', 0x8F)] [InlineData('ć', 0x8D)] [InlineData('Ć', 0x95)]
    [InlineData('ę', 0x91)] [InlineData('Ę', 0x90)] [InlineData('ł', 0x92)] [InlineData('Ł', 0x9C)]
    [InlineData('ń', 0xA4)] [InlineData('Ń', 0xA5)] [InlineData('ó', 0xA2)] [InlineData('Ó', 0xA3)]
    [InlineData('ś', 0x9E)] [InlineData('Ś', 0x98)] [InlineData('ź', 0xA6)] [InlineData('Ź', 0xA0)]
    [InlineData('ż', 0xA7)] [InlineData('Ż', 0xA1)]
    public void Each_Polish_letter_has_its_Mazovia_byte_both_ways(char letter, int value)
    {
        var encoding = MazoviaEncoding.Instance;

        var bytes = encoding.GetBytes(letter.ToString());
        var text = encoding.GetString([(byte)value]);

        Assert.Equal([(byte)value], bytes);
        Assert.Equal(letter.ToString(), text);
    }

    [Fact]
    public void The_bytes_that_are_not_Polish_letters_read_as_CP437()
    {
        var cp437 = TextEncodings.Get(437);
        var others = Enumerable.Range(0, 256).Select(b => (byte)b)
            .Where(b => !MazoviaEncoding.PolishLetters.Values.Contains(b)).ToArray();

        var text = MazoviaEncoding.Instance.GetString(others);

        Assert.Equal(cp437.GetString(others), text);
    }

    [Fact]
    public void A_character_Mazovia_cannot_hold_is_written_as_a_question_mark()
    {
        var bytes = MazoviaEncoding.Instance.GetBytes("a€ż");

        Assert.Equal([(byte)'a', (byte)'?', 0xA7], bytes);
    }

    [Fact]
    public void Code_page_620_resolves_to_Mazovia()
    {
        var encoding = TextEncodings.Get(620);

        Assert.Equal((620, "Mazovia"), (encoding.CodePage, TextEncodings.ShortName(620)));
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("852", 852)]
    [InlineData("CP1250", 1250)]
    [InlineData("mazovia", 620)]
    public void The_encoding_option_parses_the_cli_words(string word, int? codePage)
    {
        var option = EncodingOption.Parse(word);

        Assert.Equal(codePage, option.MatchUnsafe(o => o.CodePage, _ => -1));
    }

    [Fact]
    public void An_unknown_encoding_word_is_an_error_value()
    {
        var option = EncodingOption.Parse("klingon");

        Assert.True(option.IsLeft);
    }
}
