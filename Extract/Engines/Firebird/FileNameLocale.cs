using System.Runtime.InteropServices;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// The embedded engine on Linux turns a database file name from UTF-8 into the character set of
/// the calling thread's locale (<c>nl_langinfo(CODESET)</c>) before it opens the file. A .NET
/// process never calls <c>setlocale</c>, so that set is ASCII and any Polish letter in a path fails
/// with "Cannot transliterate character between character sets". Linux file names are UTF-8
/// bytes, so an embedded attach (or create) runs with a UTF-8 <c>LC_CTYPE</c> on its own thread
/// (<c>uselocale</c>), synchronously, and the thread's locale is restored after it. The process's
/// global locale is left alone: other native libraries (the Access ODBC driver) depend on it.
/// </summary>
internal static class FileNameLocale
{
    private const int LcCtypeMask = 1; // 1 << LC_CTYPE (0) in glibc and musl
    private static readonly Lazy<IntPtr> Utf8 = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <paramref name="attach"/> on this thread with a UTF-8 character set (Linux only).</summary>
    public static T Run<T>(Func<T> attach)
    {
        var locale = OperatingSystem.IsLinux() ? Utf8.Value : IntPtr.Zero;
        if (locale == IntPtr.Zero) return attach();
        var previous = UseLocale(locale);
        try
        {
            return attach();
        }
        finally
        {
            UseLocale(previous);
        }
    }

    private static IntPtr Create()
    {
        try
        {
            foreach (var name in new[] { "C.UTF-8", "C.utf8", "en_US.UTF-8" })
                if (NewLocale(LcCtypeMask, name, IntPtr.Zero) is var l && l != IntPtr.Zero) return l;
            return IntPtr.Zero;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return IntPtr.Zero;
        }
    }

    [DllImport("libc", EntryPoint = "newlocale")]
    private static extern IntPtr NewLocale(int mask, [MarshalAs(UnmanagedType.LPUTF8Str)] string locale, IntPtr baseLocale);

    [DllImport("libc", EntryPoint = "uselocale")]
    private static extern IntPtr UseLocale(IntPtr locale);
}
