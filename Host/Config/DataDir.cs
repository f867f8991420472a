namespace KonektoSync.Host.Config;

/// <summary>Where konektosync.json, konektosync.db, panel.db and logs live.</summary>
public sealed record DataDir(string Path)
{
    public string ConfigFile => System.IO.Path.Combine(Path, "konektosync.json");
    public string StateDb => System.IO.Path.Combine(Path, "konektosync.db");
    public string PanelDb => System.IO.Path.Combine(Path, "panel.db");
    public string LogDir => System.IO.Path.Combine(Path, "logs");
    public string ProfileDir => System.IO.Path.Combine(Path, "profiles");

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

    public void Ensure() => Directory.CreateDirectory(Path);
}
