using System.Text;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// A text export read as a table (.txt, .csv): a header line naming the columns, then one line
/// per record, fields separated by ';' (else a tab, else ','), surrounding quotes removed. Every
/// column is text (numbers and dates are read from their text by the row's reader). The code page
/// is the one asked for, else UTF-8 when the file starts with its byte order mark, else CP1250
/// (the Polish Windows programs that write such exports). Opened for shared reading.
/// </summary>
public sealed class DelimitedTable : ITableFile
{
    private readonly string[] _lines;
    private readonly char _separator;

    public string Path { get; }
    public string Format => "text export";
    public EncodingChoice Encoding { get; }
    public IReadOnlyList<FileColumn> Columns { get; }

    private DelimitedTable(string path, string[] lines, char separator, EncodingChoice encoding, IReadOnlyList<FileColumn> columns) =>
        (Path, _lines, _separator, Encoding, Columns) = (path, lines, separator, encoding, columns);

    public static LanguageExt.Either<FileFault, ITableFile> Open(string path, EncodingOption option)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        catch (FileNotFoundException) { return new FileFault("file.missing", path, -1, "the file does not exist"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileFault("file.unreadable", path, -1, e.Message);
        }
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var (encoding, choice) = option.CodePage is { } cp && TextEncodings.TryGet(cp).Case is System.Text.Encoding e1
            ? (e1, new EncodingChoice(e1.WebName, cp, "setting"))
            : bom ? (new UTF8Encoding(false), new EncodingChoice("utf-8", 65001, "byte order mark"))
            : (TextEncodings.TryGet(1250).Case as System.Text.Encoding ?? System.Text.Encoding.Latin1,
               new EncodingChoice("windows-1250", 1250, "default of text exports"));
        var text = encoding.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) return new FileFault("export.empty", path, 0, "the export file is empty: no header line");
        var separator = lines[0].Contains(';') ? ';' : lines[0].Contains('\t') ? '\t' : ',';
        var names = lines[0].Split(separator).Select(Cell).ToList();
        var columns = names.Select((n, i) => new FileColumn(n, "C", "Text",
            lines.Skip(1).Select(l => l.Split(separator)).Where(c => c.Length > i).Select(c => Cell(c[i]).Length).DefaultIfEmpty(0).Max(), 0))
            .ToList();
        return new DelimitedTable(path, lines, separator, choice, columns);
    }

    private static string Cell(string raw) => raw.Trim().Trim('"').Trim();

    public IEnumerable<FileRow> Rows(ReadCounts counts, CancellationToken cancel = default)
    {
        for (var n = 1; n < _lines.Length; n++)
        {
            cancel.ThrowIfCancellationRequested();
            var cells = _lines[n].Split(_separator);
            if (cells.Length != Columns.Count)
            {
                counts.Rejected++;
                yield return new FileRow(null, new FileFault("export.line", Path, -1,
                    $"line {n + 1} has {cells.Length} fields, the header {Columns.Count}: the export was cut or its layout changed"));
                yield break;
            }
            counts.Read++;
            yield return new FileRow(cells.Select(c => Cell(c) is { Length: > 0 } t ? (object?)t : null).ToArray(), null);
        }
    }

    public void Dispose() { }
}
