using System.Globalization;
using KonektoSync.Extract.Engines.Dbf;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// Library side of <c>konektosync files dump</c>: opens a table file and writes its rows as CSV.
/// Openers of other formats live in further parts of this class (FileDump.Paradox.cs,
/// FileDump.Access.cs) and add a line to <see cref="Openers"/>.
/// </summary>
public static partial class FileDump
{
    /// <summary>Opens a table file of a format chosen by its extension.</summary>
    public delegate Either<FileFault, ITableFile> Opener(string path, EncodingOption encoding);

    /// <summary>Extension (with the dot, any case) → opener.</summary>
    public static IReadOnlyDictionary<string, Opener> Openers { get; } =
        new Dictionary<string, Opener>(StringComparer.OrdinalIgnoreCase)
        {
            [".dbf"] = OpenDbf,
            [".db"] = (path, encoding) => OpenParadox(path, encoding.CodePage?.ToString(CultureInfo.InvariantCulture)),
            [".txt"] = DelimitedTable.Open,
            [".csv"] = DelimitedTable.Open,
        };

    public static Either<FileFault, ITableFile> Open(string path, EncodingOption encoding) =>
        Openers.TryGetValue(System.IO.Path.GetExtension(path), out var open)
            ? open(path, encoding)
            : new FileFault("file.format", path, -1,
                $"no reader for '{System.IO.Path.GetExtension(path)}' files (known: {string.Join(", ", Openers.Keys)})");

    public static Either<FileFault, ITableFile> OpenDbf(string path, EncodingOption encoding) =>
        DbfTable.Open(path, DbfOptions.Default with { Encoding = encoding }).Map(t => (ITableFile)t);

    /// <summary>
    /// Writes a header row of column names and then up to <paramref name="limit"/> rows (all when
    /// null) as RFC 4180 CSV with CRLF line ends. Values use the invariant culture, dates ISO 8601,
    /// binary values Base64; null is an empty field. Faulted rows are not written: they are counted
    /// and passed to <paramref name="onFault"/>. A DBF table writes its fields straight from the record
    /// bytes (<see cref="DbfTable.WriteCsv"/>); the output goes to <paramref name="output"/> in blocks.
    /// </summary>
    public static ReadCounts WriteCsv(ITableFile table, TextWriter output, long? limit,
        Action<FileFault>? onFault = null, CancellationToken cancel = default)
    {
        var counts = new ReadCounts();
        var csv = new CsvBuffer(output);
        try
        {
            foreach (var column in table.Columns) csv.Text(column.Name);
            csv.EndRow();
            if (limit <= 0) return counts;
            if (table is DbfTable dbf)
            {
                dbf.WriteCsv(csv, counts, limit ?? long.MaxValue, onFault, cancel);
                return counts;
            }
            long written = 0;
            foreach (var row in table.Rows(counts, cancel))
            {
                if (row.Fault is { } fault) onFault?.Invoke(fault);
                else
                {
                    foreach (var value in row.Values!) csv.Value(value);
                    csv.EndRow();
                    if (++written == limit) break;
                }
            }
            return counts;
        }
        finally
        {
            csv.Flush();
        }
    }

    /// <summary>A value as CSV text (before quoting).</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString(t.Millisecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180: a field holding a comma, quote, CR or LF is quoted, quotes doubled.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
