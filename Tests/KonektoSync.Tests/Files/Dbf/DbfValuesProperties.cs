using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Extract.Engines.Dbf;

namespace KonektoSync.Tests.Files.Dbf;

/// <summary>A number field reads as the invariant decimal parser (scale included) reads it, then as a double.</summary>
public sealed class DbfValuesProperties
{
    private static Gen<string> NumberText =>
        Gen.Elements("0", "1", "5", "9", "0", "-", "+", ".", ",", " ", "e", "00", "123456789").ArrayOf()
            .Where(parts => parts.Length is > 0 and < 12).Select(string.Concat);

    private static string Parsed(string text)
    {
        var s = text.Trim(' ').Replace(',', '.');
        if (s.Length == 0) return "null";
        if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return "m" + d.ToString(CultureInfo.InvariantCulture);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f)) return "d" + f.ToString("R", CultureInfo.InvariantCulture);
        return "invalid";
    }

    private static string Read(string text) =>
        !DbfValues.Numeric(Encoding.ASCII.GetBytes(text), out var d, out var f) ? "invalid"
        : d is { } m ? "m" + m.ToString(CultureInfo.InvariantCulture)
        : f is { } w ? "d" + w.ToString("R", CultureInfo.InvariantCulture)
        : "null";

    [Property(MaxTest = 5000)]
    public Property A_number_field_reads_as_the_invariant_parser_reads_it() =>
        Prop.ForAll(NumberText.ToArbitrary(), text => Read(text) == Parsed(text));

    [Theory]
    [InlineData("12.50")]
    [InlineData("-0.00")]
    [InlineData("007")]
    [InlineData("-0.01")]
    [InlineData("999999999999999999")]
    [InlineData("9999999999999999999.5")]
    [InlineData("1,5")]
    [InlineData("5.")]
    public void Common_number_forms_read_as_the_parser_reads_them(string text) => Assert.Equal(Parsed(text), Read(text));
}
