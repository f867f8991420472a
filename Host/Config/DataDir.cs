namespace KonektoSync.Host.Config;

/// <summary>Where konektosync.json, konektosync.db, panel.db and logs live.</summary>
public sealed record DataDir(string Path)
{
    public string ConfigFile => System.IO.Path.Combine(Path, "konektosync.json");
    public string StateDb => System.IO.Path.Combine(Path, "konektosync.db");
    public string PanelDb => System.IO.Path.Combine(Path, "panel.db");
    public string LogDir => System.IO.Path.Combine(Path, "logs");
    public string ProfileDir => System.IO.Path.Combine(Path, "profiles");
    public string SecretFile => System.IO.Path.Combine(Path, "secret.key");

    /// <summary>--data-dir, else KONEKTOSYNC_DATA_DIR, else the per-OS default.</summary>
    public static DataDir Resolve(string? fromOption)
    {
        var path = fromOption
            ?? Environment.GetEnvironmentVariable("KONEKTOSYNC_DATA_DIR")
            ?? DefaultPath();
        return new DataDir(System.IO.Path.GetFullPath(path));
    }

    /// <summary>
    /// Windows: %ProgramData%\KonektoSync (a server tool, shared by the service and the CLI);
    /// elsewhere: $XDG_DATA_HOME/konektosync or ~/.local/share/konektosync.
    /// </summary>
    public static string DefaultPath()
    {
        if (OperatingSystem.IsWindows())
            return System.IO.Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "KonektoSync");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(
            string.IsNullOrEmpty(xdg) ? System.IO.Path.Combine(home, ".local", "share") : xdg, "konektosync");
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the folder, on Linux and macOS readable by its owner only (0700), and tightens
    /// what is in it (<see cref="Tighten"/>).
    /// </summary>
    public void Ensure()
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Path);
        else Directory.CreateDirectory(Path, OwnerOnly);
        Tighten();
    }

    /// <summary>
    /// The folder holds passwords, PESEL digests and the clients' data: on Linux and macOS the
    /// folder and the folders KonektoSync owns in it are made 0700 and its files 0600 (symbolic
    /// links are not followed; see <see cref="Owned"/>). Returns what was open to other users; nothing when the folder does not exist.
    /// On Windows the folder's ACL allows only the current user, SYSTEM and the Administrators
    /// group, without inherited entries (not covered by the tests, which run on Linux).
    /// </summary>
    public IReadOnlyList<string> Tighten()
    {
        if (!Directory.Exists(Path)) return [];
        if (OperatingSystem.IsWindows()) return WindowsAcl.Restrict(Path) ? [Path] : [];
        var opened = new List<string>();
        var folder = new DirectoryInfo(Path);
        Restrict(folder, OwnerOnly, opened);
        var skipLinks = new EnumerationOptions
            { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var entry in folder.EnumerateFileSystemInfos("*", skipLinks).Where(Owned))
        {
            Restrict(entry, entry is DirectoryInfo ? OwnerOnly : OwnerOnlyFile, opened);
            if (entry is DirectoryInfo dir)
                foreach (var inner in dir.EnumerateFileSystemInfos("*", new EnumerationOptions
                         { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }))
                    Restrict(inner, inner is DirectoryInfo ? OwnerOnly : OwnerOnlyFile, opened);
        }
        return opened;
    }

    /// <summary>
    /// What KonektoSync keeps in the folder: konektosync.json, konektosync.db and panel.db (with
    /// their temporary, -wal, -shm and -journal files), secret.key, logs and profiles. Anything
    /// else a user put there is left as it is.
    /// </summary>
    private static bool Owned(FileSystemInfo entry) => entry is DirectoryInfo
        ? entry.Name is "logs" or "profiles" or "reports"
        : entry.Name.StartsWith("konektosync.", StringComparison.Ordinal)
          || entry.Name.StartsWith("panel.db", StringComparison.Ordinal)
          || entry.Name.StartsWith("secret.key", StringComparison.Ordinal);

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Restrict(FileSystemInfo entry, UnixFileMode mode, List<string> opened)
    {
        try
        {
            if (entry.LinkTarget is not null) return;
            var current = entry.UnixFileMode;
            if ((current & Others) == 0) return;
            entry.UnixFileMode = current & mode;
            opened.Add(entry.FullName);
        }
        // another user's file is left as it is; a file SQLite removed meanwhile needs nothing
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { }
    }
}
