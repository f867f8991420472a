using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace KonektoSync.Load.Csv;

/// <summary>
/// Writes one CSV file: UTF-8 without a byte-order mark, comma separated, quotes where
/// needed (RFC 4180), "\r\n" line ends, invariant culture. A file is written to a temporary
/// file with a random name and moved over the old one (<see cref="SafeFile"/>), so a reader never
/// sees half a file and a link planted in the folder is replaced, never written through.
/// Every file written here (the panel export, the dry run) is meant to be opened in a
/// spreadsheet, so a text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab
/// or a carriage return gets a leading apostrophe and is read as text, not as a formula
/// (https://owasp.org/www-community/attacks/CSV_Injection). A number (<c>-12.50</c>) is written
/// unchanged.
/// </summary>
public static class CsvTable
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    public static async Task Write(string path, IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancel) =>
        await Write(path, header, rows, CsvStyle.Invariant, cancel).ConfigureAwait(false);

    public static async Task Write(string path, IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows, CsvStyle style, CancellationToken cancel)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            Delimiter = style.Delimiter,
        };
        var commaColumns = header.Select(h => style.DecimalCommaColumns.Contains(h)).ToArray();
        await SafeFile.Replace(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, style.Bom ? new UTF8Encoding(true) : Utf8NoBom, leaveOpen: true);
            await using var csv = new CsvWriter(writer, config);
            await WriteRow(csv, header, []).ConfigureAwait(false);
            foreach (var row in rows)
            {
                cancel.ThrowIfCancellationRequested();
                await WriteRow(csv, row, commaColumns).ConfigureAwait(false);
            }
        }, cancel).ConfigureAwait(false);
    }

    /// <summary>A cell a spreadsheet would take as a formula, made plain text; numbers unchanged.</summary>
    public static string AsText(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out _)
            ? "'" + field
            : field;

    private static async Task WriteRow(CsvWriter csv, IReadOnlyList<string> row, bool[] commaColumns)
    {
        for (var i = 0; i < row.Count; i++)
        {
            var field = AsText(row[i]);
            csv.WriteField(i < commaColumns.Length && commaColumns[i] ? DecimalComma(field) : field);
        }
        await csv.NextRecordAsync().ConfigureAwait(false);
    }

    /// <summary>An invariant number with a decimal comma ("-1184.27" to "-1184,27"); any other text unchanged.</summary>
    private static string DecimalComma(string field) =>
        decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? field.Replace('.', ',')
            : field;
}

/// <summary>
/// How a CSV file is written: the invariant form (',' between fields, no BOM, a decimal point) or
/// the form a spreadsheet in a Polish locale opens as it is (';', a UTF-8 BOM, a decimal comma in
/// the named columns).
/// </summary>
public sealed record CsvStyle(string Delimiter, bool Bom, IReadOnlySet<string> DecimalCommaColumns)
{
    public static CsvStyle Invariant { get; } = new(",", false, new HashSet<string>());

    public static CsvStyle Excel(IReadOnlySet<string> amountColumns) => new(";", true, amountColumns);
}
