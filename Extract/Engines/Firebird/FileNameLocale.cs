using System.Runtime.InteropServices;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// The embedded engine on Linux turns a database file name from UTF-8 into the process's
/// character set (<c>nl_langinfo(CODESET)</c>) before it opens the file. A .NET process never calls
/// <c>setlocale</c>, so that character set is ASCII and any Polish letter in a path fails with
/// "Cannot transliterate character between character sets". Linux file names are UTF-8 bytes, so
/// the process's <c>LC_CTYPE</c> is set to a UTF-8 locale once, before the first embedded attach.
/// Only <c>LC_CTYPE</c> changes: .NET's own culture handling (ICU) does not read it.
/// </summary>
internal static class FileNameLocale
{
    private const int LcCtype = 0; // glibc and musl
    private const int Codeset = 14; // glibc's CODESET item for nl_langinfo
    private static readonly Lazy<bool> Done = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when file names reach the embedded engine as UTF-8 (always true off Linux).</summary>
    public static bool EnsureUtf8() => !OperatingSystem.IsLinux() || Done.Value;

    private static bool Apply()
    {
        try
        {
            if (IsUtf8()) return true;
            foreach (var name in new[] { "", "C.UTF-8", "C.utf8", "en_US.UTF-8" })
                if (SetLocale(LcCtype, name) != IntPtr.Zero && IsUtf8()) return true;
            return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool IsUtf8() =>
        Marshal.PtrToStringAnsi(LangInfo(Codeset)) is { } set &&
        set.Replace("-", "").Equals("UTF8", StringComparison.OrdinalIgnoreCase);

    [DllImport("libc", EntryPoint = "setlocale")]
    private static extern IntPtr SetLocale(int category, [MarshalAs(UnmanagedType.LPUTF8Str)] string? locale);

    [DllImport("libc", EntryPoint = "nl_langinfo")]
    private static extern IntPtr LangInfo(int item);
}
