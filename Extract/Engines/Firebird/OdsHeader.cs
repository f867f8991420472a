using System.Buffers.Binary;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>The on-disk structure version of a Firebird database file.</summary>
public readonly record struct OdsVersion(int Major, int Minor)
{
    /// <summary>The Firebird release that writes this ODS ("2.5", "3", "4", "5"), or null if unknown.</summary>
    public string? Firebird => (Major, Minor) switch
    {
        (10, _) => "1.5",
        (11, 0) => "2.0",
        (11, 1) => "2.1",
        (11, _) => "2.5",
        (12, _) => "3",
        (13, 0) => "4",
        (13, _) => "5",
        _ => null,
    };

    public override string ToString() => $"{Major}.{Minor}";
}

/// <summary>
/// Reads the ODS version from page 0 (the header page) of a database file without attaching it,
/// so a file of another Firebird version is named as such instead of failing in the driver.
/// Layout (little-endian, as written on x86/x64): byte 0 page type (1 = header);
/// offset 16 page size (u16); offset 18 ODS major (u16, flag 0x8000 = Firebird);
/// ODS minor at offset 64 for ODS 12 and 13 (checked on a file written by Firebird 3.0.11 here:
/// 12.0), at offset 62 for ODS 11 (Firebird 2.x layout: hdr_implementation, then hdr_ods_minor).
/// </summary>
public static class OdsHeader
{
    private const int FirebirdFlag = 0x8000;
    /// <summary>The ODS major version the engine here (Firebird 3) opens.</summary>
    public const int SupportedMajor = 12;

    public static Either<Problem, OdsVersion> Read(string path)
    {
        Span<byte> page = stackalloc byte[128];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            read = file.ReadAtLeast(page, page.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Problem.Of("firebird.file-missing", $"{path}: file not found", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.Of("firebird.file-unreadable", $"{path}: cannot be read ({e.GetType().Name})", path, e.GetType().Name);
        }
        return Parse(path, page[..read]);
    }

    public static Either<Problem, OdsVersion> Parse(string path, ReadOnlySpan<byte> page)
    {
        if (page.Length < 66 || page[0] != 1)
            return NotADatabase(path);
        var pageSize = BinaryPrimitives.ReadUInt16LittleEndian(page[16..]);
        var raw = BinaryPrimitives.ReadUInt16LittleEndian(page[18..]);
        if (pageSize is not (1024 or 2048 or 4096 or 8192 or 16384 or 32768) && pageSize != 0)
            return NotADatabase(path);
        var major = raw & ~FirebirdFlag;
        if (major is < 8 or > 20)
            return NotADatabase(path);
        var minorOffset = major >= 12 ? 64 : 62;
        var minor = BinaryPrimitives.ReadUInt16LittleEndian(page[minorOffset..]);
        return new OdsVersion(major, minor);
    }

    /// <summary>A problem when the file's ODS is not the one this installation opens.</summary>
    public static Problem? Mismatch(string program, string path, OdsVersion ods)
    {
        if (ods.Major == SupportedMajor) return null;
        var needs = ods.Firebird ?? $"another version (ODS {ods})";
        return Sql.SourceProblems.Version(program, FirebirdProblems.Engine, path, needs, ods.ToString(), ods.Major < SupportedMajor);
    }

    private static Problem NotADatabase(string path) =>
        Problem.Of("firebird.not-a-database", $"{path}: not a Firebird database (no header page)", path);
}
