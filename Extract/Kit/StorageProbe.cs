using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Paradox;

namespace KonektoSync.Extract.Kit;

/// <summary>The storage engine a file's first bytes show.</summary>
public enum StorageKind { Firebird, Dbf, Paradox }

/// <summary>One file of a data folder and what its header says: an engine (with its version) or nothing known.</summary>
public sealed record ProbedFile(string Name, StorageKind? Kind, string Description);

/// <summary>
/// The files of a data folder and the engine they show, for a program whose engine is not public
/// (Ramzes): the folder's engine is Firebird when a file has a Firebird header page, else DBF, else
/// Paradox, else none (unknown).
/// </summary>
public sealed record StorageSeen(string Folder, IReadOnlyList<ProbedFile> Files)
{
    /// <summary>The engine of the folder, or null when no file's header is one we know.</summary>
    public StorageKind? Kind => Files.Select(f => f.Kind).Where(k => k is not null).Min();

    /// <summary>The files as a list for a message: each name with what its header says.</summary>
    public string List(int max = 20)
    {
        var shown = Files.Take(max).Select(f => $"{f.Name} ({f.Description})");
        var more = Files.Count > max ? $", … {Files.Count - max} more" : "";
        return Files.Count == 0 ? "no files" : string.Join(", ", shown) + more;
    }
}

/// <summary>
/// Identifies the engine of database files by their headers, with the readers' own header checks:
/// the Firebird header page (<see cref="OdsHeader"/>), the DBF header (<see cref="DbfHeader"/>) and
/// the Paradox header (<see cref="ParadoxHeader"/>). Reads only the first bytes of each file, shared.
/// </summary>
public static class StorageProbe
{
    /// <summary>The bytes read of a file: a whole DBF header of the most fields, a Paradox header, a Firebird header page.</summary>
    private const int HeadBytes = DbfHeader.FixedLength + DbfHeader.MaxFields * DbfHeader.DescriptorLength + 1;

    /// <summary>
    /// The files of a folder and of its subfolders down to <paramref name="depth"/> levels (a program
    /// keeping a folder per firm or year), at most <paramref name="limit"/> files, names relative to the folder.
    /// </summary>
    public static StorageSeen Folder(string folder, int depth = 2, int limit = 200)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = depth > 0, MaxRecursionDepth = depth, IgnoreInaccessible = true };
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", options).Order(StringComparer.Ordinal).Take(limit)
                .Select(p => File(p) with { Name = Path.GetRelativePath(folder, p) }).ToList()
            : [];
        return new StorageSeen(folder, files);
    }

    /// <summary>What one file's header says.</summary>
    public static ProbedFile File(string path)
    {
        byte[] head;
        long length;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            length = file.Length;
            head = new byte[(int)Math.Min(length, HeadBytes)];
            file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ProbedFile(Path.GetFileName(path), null, $"unreadable: {e.GetType().Name}");
        }
        return Identify(Path.GetFileName(path), head, length);
    }

    /// <summary>What a file's first bytes say (pure): Firebird with its ODS, a DBF format, Paradox, or nothing known.</summary>
    public static ProbedFile Identify(string name, byte[] head, long length)
    {
        if (OdsHeader.Parse(name, head).Case is OdsVersion ods)
            return new ProbedFile(name, StorageKind.Firebird, $"Firebird {ods.Firebird ?? "?"}, ODS {ods}");
        if (DbfHeader.Parse(head, length, name).Case is DbfHeader dbf)
            return new ProbedFile(name, StorageKind.Dbf, $"DBF, {dbf.FormatName}");
        var paradox = ParadoxHeader.HeaderLength(head, length, name)
            .Bind(size => size <= head.Length
                ? ParadoxHeader.Parse(head[..size], name, null)
                : new Engines.Files.FileFault("file.truncated", name, head.Length, "header beyond the bytes read"));
        if (paradox.Case is ParadoxHeader px)
            return new ProbedFile(name, StorageKind.Paradox, $"Paradox, file version {px.FileVersionId}");
        return new ProbedFile(name, null, length == 0 ? "empty" : "not a known database file");
    }
}
