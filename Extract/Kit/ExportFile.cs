using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// A delimited text file a program exports (Buchalter's ZUS export, KPR's ImportDoKPR output):
/// a header line naming the columns, then one line per record. The profile names the columns
/// (items "column.&lt;export&gt;.&lt;field&gt;"), so a changed layout is fixed by an override; a
/// header lacking a required column is one <c>source.export-layout</c> problem naming the file and
/// the columns. The file is opened for shared reading and never locked.
/// </summary>
public static class ExportFile
{
    /// <summary>
    /// The rows of an export by logical field (the profile's column items of <paramref name="export"/>);
    /// <paramref name="optional"/> fields the header lacks read as null.
    /// </summary>
    public static Either<Problem, List<SourceRow>> Read(string program, string path, ProgramProfile profile, string export,
        Encoding encoding, char separator, IReadOnlyCollection<string> optional)
    {
        var prefix = $"column.{export}.";
        var fields = profile.Items.Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(i => (Field: i.Key[prefix.Length..], Column: i.Value)).ToList();
        string[] lines;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
            lines = text.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        }
        catch (FileNotFoundException)
        {
            return SourceProblems.File(program, "export", new FileFault("file.missing", path, -1, "the export file does not exist"));
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            return Held(program, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SourceProblems.File(program, "export", new FileFault("file.unreadable", path, -1, e.Message));
        }
        if (lines.Length == 0)
            return SourceProblems.File(program, "export", new FileFault("export.empty", path, 0, "the export file is empty"));
        var header = lines[0].Split(separator).Select(h => h.Trim()).ToList();
        var at = header.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        var lacking = fields.Where(f => !at.ContainsKey(f.Column) && !optional.Contains(f.Field)).Select(f => f.Column).ToList();
        if (lacking.Count > 0) return LayoutChanged(program, path, lacking);
        // one shape and one cell position per field for the whole file (-1: an optional field the header lacks)
        var shape = new RowShape(fields.Select(f => f.Field));
        var cellOf = fields.Select(f => at.TryGetValue(f.Column, out var i) ? i : -1).ToArray();
        var rows = new List<SourceRow>(lines.Length - 1);
        for (var n = 1; n < lines.Length; n++)
        {
            var cells = lines[n].Split(separator);
            if (cells.Length != header.Count)
                return SourceProblems.File(program, "export", new FileFault("export.line", path, n + 1,
                    $"line {n + 1} has {cells.Length} fields, the header {header.Count}"));
            var values = new object?[cellOf.Length];
            for (var k = 0; k < cellOf.Length; k++) values[k] = cellOf[k] >= 0 ? Value(cells[cellOf[k]]) : null;
            rows.Add(new SourceRow(shape, values));
        }
        return rows;
    }

    /// <summary>A cell as text (numbers with comma or dot decimals are read by <see cref="SourceRow.Decimal"/>); empty is null.</summary>
    private static string? Value(string cell) => cell.Trim().Trim('"') is { Length: > 0 } t ? t : null;

    /// <summary>A file held exclusively by the program. Args: program, "export", file.</summary>
    public static Problem Held(string program, string path) =>
        SourceProblems.Locked(program, "export", path, "the program holds the file; retry after closing it");

    /// <summary>An export whose header lacks columns the profile names. Args: program, file, the columns.</summary>
    public static Problem LayoutChanged(string program, string path, IEnumerable<string> columns)
    {
        var list = string.Join(", ", columns);
        return Problem.Of("source.export-layout",
            $"{program}: {path}: the export's layout changed, columns {list} missing: generate the export again, or name the columns in a profile override",
            program, path, list);
    }

    private static bool IsSharingViolation(IOException e) =>
        (e.HResult & 0xFFFF) is 32 or 33 || e.Message.Contains("being used by another process", StringComparison.OrdinalIgnoreCase);
}
