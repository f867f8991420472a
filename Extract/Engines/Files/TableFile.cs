using LanguageExt;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>A column of a file-based table (DBF, Paradox, Access) as its header declares it.</summary>
public sealed record FileColumn(string Name, string TypeCode, string TypeName, int Length, int Decimals);

/// <summary>
/// An expected failure reading a file: what is wrong, in which file, at which byte offset
/// (-1 when not tied to an offset). Stable <see cref="Code"/>, e.g. "file.truncated".
/// </summary>
public sealed record FileFault(string Code, string File, long Offset, string Message)
{
    public override string ToString() =>
        Offset >= 0 ? $"{File} @ {Offset}: {Message}" : $"{File}: {Message}";
}

/// <summary>How the text encoding of a table was chosen, for the user to see.</summary>
public sealed record EncodingChoice(string Name, int CodePage, string How);

/// <summary>Counts kept while a table is read.</summary>
public sealed class ReadCounts
{
    public long Read { get; set; }
    public long Deleted { get; set; }
    public long Rejected { get; set; }
}

/// <summary>
/// One row as read: values in column order (string, decimal, long, int, double, bool, DateOnly,
/// DateTime, byte[] or null), or a fault for a row that could not be decoded.
/// </summary>
public readonly record struct FileRow(object?[]? Values, FileFault? Fault)
{
    public bool IsFault => Fault is not null;
}

/// <summary>
/// A table in a file, opened for reading. Rows stream forward-only with constant memory.
/// Opening never locks the file for others (shared read).
/// </summary>
public interface ITableFile : IDisposable
{
    string Path { get; }
    string Format { get; }
    EncodingChoice Encoding { get; }
    IReadOnlyList<FileColumn> Columns { get; }
    /// <summary>Rows in file order; deleted records are skipped and counted.</summary>
    IEnumerable<FileRow> Rows(ReadCounts counts, CancellationToken cancel = default);
}
