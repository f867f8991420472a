using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>The engine root the embedded engine was given, or why it keeps the system's.</summary>
/// <param name="Root">KonektoSync's own root, or null when the engine reads the system's configuration.</param>
/// <param name="Note">One English sentence for the log: what was chosen and why.</param>
public sealed record EngineRootChoice(string? Root, string Note);

/// <summary>
/// A Firebird root directory of KonektoSync's own for the embedded engine, so that the engine in
/// this process keeps its memory small. The embedded engine sorts each bulk query (<c>ORDER BY</c>
/// the firm) in this process, in memory up to <c>TempCacheLimit</c> (64 MB by default), and gives
/// each attached database a page cache of <c>DefaultDbCachePages</c> pages. Firebird 3 reads both
/// only from <c>firebird.conf</c> in its root directory, and finds that root in the
/// <c>FIREBIRD</c> environment variable when it loads (the engine does not see a variable
/// .NET sets: the value is set with libc's <c>setenv</c> before the client library is loaded).
/// <para>
/// The root lives in the user's cache folder (<c>$XDG_CACHE_HOME</c>, else <c>~/.cache</c>), under
/// <c>konektosync/firebird-HASH</c> (the hash of the system root and the settings, so that builds
/// with other settings never share one), private (0700), written idempotently at first use with
/// atomic renames. It holds <c>firebird.conf</c> with <see cref="Settings"/>, a private
/// <c>tmp</c> folder for the sort's files, a copy of the <c>intl</c> folder (the engine does not
/// load character sets from a linked <c>libfbintl.so</c>), and links to everything else of the
/// system's root (plugins, messages, <c>databases.conf</c>, <c>plugins.conf</c>).
/// </para>
/// <para>
/// When no system root is found, the cache folder cannot be written, or <c>FIREBIRD</c> is already
/// set, the engine keeps today's behaviour and <see cref="Choice"/> says why (the sync logs it once).
/// Firebird's configuration: https://github.com/FirebirdSQL/firebird/blob/v3.0-release/builds/install/misc/firebird.conf.in
/// </para>
/// </summary>
public static class EngineRoot
{
    /// <summary>The settings written into the root's firebird.conf (before <c>TempDirectories</c>).</summary>
    internal static readonly IReadOnlyList<(string Key, string Value)> Settings =
    [
        // the sort of a bulk query spills to files beyond this (default 64M)
        ("TempCacheLimit", "8M"),
        // pages of the cache of each attached database (default 2048 of 8 KB: 16 MB)
        ("DefaultDbCachePages", "256"),
    ];

    private static readonly Lock Gate = new();
    private static EngineRootChoice? chosen;
    private static bool noted;

    /// <summary>What the first embedded use in this process chose, or null before it.</summary>
    public static EngineRootChoice? Choice
    {
        get { lock (Gate) return chosen; }
    }

    /// <summary>The choice once per process for the log, or null (not chosen yet, or already taken).</summary>
    public static string? TakeNote()
    {
        lock (Gate)
        {
            if (chosen is null || noted) return null;
            noted = true;
            return chosen.Note;
        }
    }

    /// <summary>
    /// Prepares the root and sets <c>FIREBIRD</c> in the native environment, once per process,
    /// before the client library is loaded for the first embedded attach. Never throws.
    /// </summary>
    public static EngineRootChoice PrepareOnce(string clientLibrary)
    {
        lock (Gate)
        {
            if (chosen is not null) return chosen;
            chosen = Choose(clientLibrary);
            return chosen;
        }
    }

    private static EngineRootChoice Choose(string clientLibrary)
    {
        if (!OperatingSystem.IsLinux())
            return new(null, "the system's Firebird configuration is used (an engine root of its own is made on Linux only)");
        if (Environment.GetEnvironmentVariable("FIREBIRD") is { Length: > 0 } set)
            return new(null, $"FIREBIRD is set ({set}): the engine uses that root");
        var system = SystemRoot(clientLibrary, LibraryFolders());
        if (system is null)
            return new(null, $"no Firebird root found for {clientLibrary}: the system's Firebird configuration is used");
        var cache = CacheHome();
        if (cache is null)
            return new(null, "no cache folder (HOME and XDG_CACHE_HOME are unset): the system's Firebird configuration is used");
        var written = Write(system, Path.Combine(cache, "konektosync"));
        if (written.Root is null) return written;
        try
        {
            if (SetEnv("FIREBIRD", written.Root, 1) != 0)
                return new(null, "FIREBIRD could not be set: the system's Firebird configuration is used");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new(null, "FIREBIRD could not be set: the system's Firebird configuration is used");
        }
        return written;
    }

    /// <summary>The user's cache folder: <c>$XDG_CACHE_HOME</c>, else <c>$HOME/.cache</c>, else null.</summary>
    private static string? CacheHome()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (xdg is { Length: > 0 } && Path.IsPathRooted(xdg)) return xdg;
        var home = Environment.GetEnvironmentVariable("HOME");
        return home is { Length: > 0 } && Path.IsPathRooted(home) ? Path.Combine(home, ".cache") : null;
    }

    /// <summary>Where the dynamic loader looks for a library named without a folder, in its order.</summary>
    private static IEnumerable<string> LibraryFolders()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
        var triplet = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            Architecture.X86 => "i386-linux-gnu",
            Architecture.Arm => "arm-linux-gnueabihf",
            _ => null,
        };
        if (triplet is not null)
        {
            yield return "/usr/lib/" + triplet;
            yield return "/lib/" + triplet;
        }
        foreach (var dir in new[] { "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib", "/opt/firebird/lib" })
            yield return dir;
    }

    /// <summary>
    /// The root of the Firebird installation the client library belongs to: a folder with
    /// <c>firebird.conf</c>, <c>plugins</c> and <c>intl</c>. Looked for next to the library's real
    /// file: its folder's parent (<c>/opt/firebird/lib/libfbclient.so</c>: <c>/opt/firebird</c>) or
    /// <c>firebird/MAJOR.MINOR</c> beside it (Debian: <c>/usr/lib/x86_64-linux-gnu/libfbclient.so.3.0.11</c>:
    /// <c>/usr/lib/x86_64-linux-gnu/firebird/3.0</c>). Null when none is found.
    /// </summary>
    internal static string? SystemRoot(string clientLibrary, IEnumerable<string> libraryFolders)
    {
        var library = clientLibrary.Contains('/')
            ? (File.Exists(clientLibrary) ? Path.GetFullPath(clientLibrary) : null)
            : libraryFolders.Select(d => Path.Combine(d, clientLibrary)).FirstOrDefault(File.Exists);
        if (library is null) return null;
        var real = RealFile(library);
        var folder = Path.GetDirectoryName(real)!;
        var candidates = new List<string>();
        if (Path.GetDirectoryName(folder) is { } parent) candidates.Add(parent);
        var name = Path.GetFileName(real);
        var version = name.Split(".so.", 2) is [_, var v] ? string.Join('.', v.Split('.').Take(2)) : "";
        if (version.Length > 0) candidates.Add(Path.Combine(folder, "firebird", version));
        return candidates.FirstOrDefault(IsRoot);
    }

    private static string RealFile(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    internal static bool IsRoot(string folder) =>
        File.Exists(Path.Combine(folder, "firebird.conf"))
        && Directory.Exists(Path.Combine(folder, "plugins"))
        && Directory.Exists(Path.Combine(folder, "intl"));

    /// <summary>The text of the root's firebird.conf.</summary>
    internal static string ConfText(string root)
    {
        var text = new StringBuilder();
        text.Append("# KonektoSync's root for its embedded Firebird engine (docs/engines.md); written anew when it differs.\n");
        foreach (var (key, value) in Settings) text.Append(key).Append(" = ").Append(value).Append('\n');
        text.Append("TempDirectories = ").Append(Path.Combine(root, "tmp")).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Writes (or checks) the root for <paramref name="systemRoot"/> under <paramref name="parent"/>:
    /// <c>parent/firebird-HASH</c>, private. Idempotent, and safe when several processes write it at
    /// once (every file is written under a temporary name and renamed). A root that cannot be written
    /// is a choice without root, with the reason.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static EngineRootChoice Write(string systemRoot, string parent)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(systemRoot + "\n" + ConfText("$(root)"))))[..12];
        var root = Path.Combine(parent, "firebird-" + hash);
        try
        {
            Private(parent);
            Private(root);
            Private(Path.Combine(root, "tmp"));
            Private(Path.Combine(root, "intl"));
            foreach (var entry in Directory.EnumerateFileSystemEntries(systemRoot))
            {
                var name = Path.GetFileName(entry);
                if (name is "firebird.conf" or "intl" or "tmp") continue;
                Link(Path.Combine(root, name), entry);
            }
            foreach (var file in Directory.EnumerateFiles(Path.Combine(systemRoot, "intl")))
                Copy(file, Path.Combine(root, "intl", Path.GetFileName(file)));
            Text(Path.Combine(root, "firebird.conf"), ConfText(root));
            return new(root, $"the embedded engine uses the root {root} (from {systemRoot})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, $"the engine root {root} could not be written ({e.GetType().Name}): the system's Firebird configuration is used");
        }
    }

    /// <summary>A folder of this user only (0700); throws when it cannot be made so.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void Private(string folder)
    {
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (File.GetUnixFileMode(folder) != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Temporary(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    private static void Link(string path, string target)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget == target) return;
        var temporary = Temporary(path);
        File.CreateSymbolicLink(temporary, target);
        Rename(temporary, path);
    }

    private static void Copy(string source, string path)
    {
        var from = new FileInfo(RealFile(source));
        var to = new FileInfo(path);
        if (to.Exists && to.LinkTarget is null && to.Length == from.Length && to.LastWriteTimeUtc == from.LastWriteTimeUtc) return;
        var temporary = Temporary(path);
        File.Copy(from.FullName, temporary);
        File.SetLastWriteTimeUtc(temporary, from.LastWriteTimeUtc);
        Rename(temporary, path);
    }

    private static void Text(string path, string text)
    {
        if (File.Exists(path) && new FileInfo(path).LinkTarget is null && File.ReadAllText(path) == text) return;
        var temporary = Temporary(path);
        File.WriteAllText(temporary, text);
        Rename(temporary, path);
    }

    /// <summary>rename(2): replaces a file or link atomically (a folder at the path is an error).</summary>
    private static void Rename(string from, string to)
    {
        if (RenameFile(from, to) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        File.Delete(from);
        throw new IOException($"rename failed (errno {errno})");
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int RenameFile([MarshalAs(UnmanagedType.LPUTF8Str)] string from,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
