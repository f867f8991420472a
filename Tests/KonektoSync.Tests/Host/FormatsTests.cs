using System.Globalization;
using KonektoSync.Host.Texts;

namespace KonektoSync.Tests.Host;

public sealed class FormatsTests
{
    private static readonly CultureInfo Pl = CultureInfo.GetCultureInfo("pl");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData("1184.27", "1 184,27 zł")]
    [InlineData("0", "0,00 zł")]
    [InlineData("-1234567.5", "-1 234 567,50 zł")]
    [InlineData("999.99", "999,99 zł")]
    public void A_polish_amount_has_space_groups_a_decimal_comma_and_zl(string invariant, string expected)
    {
        Assert.Equal(expected, Formats.Amount(decimal.Parse(invariant, CultureInfo.InvariantCulture), Pl));
    }

    [Fact]
    public void An_english_amount_stays_invariant()
    {
        Assert.Equal("1184.27", Formats.Amount(1184.27m, En));
        Assert.Equal("1184.20", Formats.Amount(1184.2m, En));
    }

    [Fact]
    public void A_date_is_day_first_in_polish_and_iso_in_english()
    {
        Assert.Equal("20.03.2025", Formats.Date(new DateOnly(2025, 3, 20), Pl));
        Assert.Equal("2025-03-20", Formats.Date(new DateOnly(2025, 3, 20), En));
    }

    [Theory]
    [InlineData("amount", "1184.27", "1 184,27 zł")]
    [InlineData("due_date", "2025-03-20", "20.03.2025")]
    [InlineData("payer_key", "1184.27", "1184.27")]
    [InlineData("amount", "not a number", "not a number")]
    [InlineData("amount", "", "")]
    public void A_panel_field_is_formatted_by_its_column(string column, string stored, string expected)
    {
        Assert.Equal(expected, Formats.PanelField(column, stored, Pl));
    }
}
