namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// What shows that a table file changed: its length and the first bytes of its header (a DBF's
/// record count and date of last update, a Paradox table's record and block counts). Read with
/// shared access, never a lock.
/// </summary>
public sealed record FileStamp(long Length, string Head)
{
    private const int HeadBytes = 32;

    /// <summary>The stamp of a file now, or null when it cannot be read.</summary>
    public static FileStamp? Of(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            var head = new byte[HeadBytes];
            var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return new FileStamp(stream.Length, Convert.ToHexString(head, 0, got));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Whether an I/O error says another program holds the file exclusively.</summary>
public static class FileLocks
{
    /// <summary>The fault code of a file another program holds exclusively.</summary>
    public const string Code = "file.locked";

    /// <summary>
    /// True for a sharing or lock violation: on Windows ERROR_SHARING_VIOLATION (32) and
    /// ERROR_LOCK_VIOLATION (33); on Linux and macOS .NET takes an advisory flock() for every open
    /// (shared for a shared open) and a file another process holds with flock(LOCK_EX) fails with
    /// EWOULDBLOCK (11 on Linux, 35 on macOS).
    /// </summary>
    public static bool Held(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33
        : e.HResult == (OperatingSystem.IsMacOS() ? 35 : 11);

    /// <summary>The fault of a file that could not be opened: <see cref="Code"/> when another program holds it.</summary>
    public static FileFault Fault(string code, string path, Exception e) =>
        e is IOException io && Held(io)
            ? new FileFault(Code, path, -1, "the program holds the file; retry after closing it")
            : new FileFault(code, path, -1, e.Message);
}
