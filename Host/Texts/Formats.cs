using System.Globalization;
using KonektoSync.Load.Panel;

namespace KonektoSync.Host.Texts;

/// <summary>
/// Amounts and dates in tables in the reader's language (<see cref="PanelFormats"/>, which the
/// panel's pages use too): Polish "1 184,27 zł" and "20.03.2025"; any other language keeps the
/// invariant "1184.27" and "2025-03-20". JSON and CSV never go through here: they stay invariant.
/// </summary>
public static class Formats
{
    public static string Amount(decimal value) => Amount(value, Texts.Culture);

    public static string Amount(decimal value, CultureInfo culture) => PanelFormats.Amount(value, culture);

    public static string Date(DateOnly value) => Date(value, Texts.Culture);

    public static string Date(DateOnly value, CultureInfo culture) => PanelFormats.Date(value, culture);

    public static string PanelField(string column, string stored) => PanelField(column, stored, Texts.Culture);

    public static string PanelField(string column, string stored, CultureInfo culture) => PanelFormats.PanelField(column, stored, culture);
}
