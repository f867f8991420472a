using System.Globalization;

namespace KonektoSync.Load.Panel;

/// <summary>
/// Amounts and dates for a reader, the same for the command line's tables and the panel's pages:
/// Polish "1 184,27 zł" (a plain space groups thousands) and "20.03.2025"; any other language
/// keeps the invariant "1184.27" and "2025-03-20". JSON and CSV never go through here.
/// </summary>
public static class PanelFormats
{
    private static readonly NumberFormatInfo PolishNumbers = new()
    {
        NumberGroupSeparator = " ",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    public static bool Polish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "pl";

    public static string Amount(decimal value, CultureInfo culture) =>
        Polish(culture)
            ? value.ToString("#,##0.00", PolishNumbers) + " zł"
            : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value, CultureInfo culture) =>
        value.ToString(Polish(culture) ? "dd.MM.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A panel value as stored (invariant text) in the reader's language: amounts and dates by their column; the rest as it is.</summary>
    public static string PanelField(string column, string stored, CultureInfo culture)
    {
        if (!Polish(culture)) return stored;
        if (PanelColumns.Amounts.Contains(column)
            && decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            return Amount(amount, culture);
        if (column.EndsWith("_date", StringComparison.Ordinal)
            && DateOnly.TryParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Date(date, culture);
        return stored;
    }
}
