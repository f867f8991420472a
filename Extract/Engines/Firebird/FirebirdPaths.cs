namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>Paths of database files as the server sees them (possibly a Windows path seen from Linux).</summary>
public static class FirebirdPaths
{
    /// <summary>
    /// Joins a folder and a file name with the folder's own separator. When the folder exists
    /// here, a file that differs only in letter case (RAKS3000.FDB) is found as it is on disk.
    /// </summary>
    public static string Combine(string folder, string file)
    {
        if (Directory.Exists(folder))
        {
            var exact = Path.Combine(folder, file);
            if (File.Exists(exact)) return exact;
            var match = Directory.EnumerateFiles(folder)
                .FirstOrDefault(f => string.Equals(Path.GetFileName(f), file, StringComparison.OrdinalIgnoreCase));
            return match ?? exact;
        }
        var windows = folder.Contains('\\') && !folder.Contains('/');
        var sep = windows ? '\\' : '/';
        return folder.TrimEnd('\\', '/') + sep + file;
    }
}
