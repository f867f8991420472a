using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Ini;
using LanguageExt;

namespace KonektoSync.Extract.Programs.SymfoniaMk;

/// <summary>A firm MKP.INI names: its key (the name of its folder) and its folder as the file writes it.</summary>
public sealed record MkpFirm(string Key, string Folder);

/// <summary>
/// Symfonia Mała Księgowość's settings file MKP.INI as our model reads it (nothing public shows its
/// keys; docs/programs/symfonia-mk.md): a Windows INI file in CP1250. <c>[Dane] Katalog=</c> is the
/// data folder; each value of <c>[Firmy]</c> is a firm's folder, a relative one under the data folder
/// (or under the file's own folder when there is none); without a <c>[Firmy]</c> section the firms
/// are the folders in the data folder. A firm is keyed by its folder's name; a folder named twice
/// counts once.
/// </summary>
public sealed record MkpIni(string File, string? DataFolder, IReadOnlyList<MkpFirm> Firms)
{
    public const string FileName = "MKP.INI";

    public static Either<FileFault, MkpIni> Load(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        if (!System.IO.File.Exists(path))
            return new FileFault("file.missing", path, -1,
                $"{FileName} does not exist: set the path of Symfonia MK's {FileName} (C:\\Users\\<user>\\AppData\\Roaming\\Sage\\Config\\{FileName})");
        return IniFile.Load(path).Bind(ini => Of(path, ini));
    }

    /// <summary>The firms a parsed file names; a file naming none is a fault saying what is wrong.</summary>
    public static Either<FileFault, MkpIni> Of(string path, IniFile ini)
    {
        var data = ini.Get("Dane", "Katalog").Map(v => v.Trim()).Filter(v => v.Length > 0).MatchUnsafe(v => v, () => null);
        var baseFolder = data ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
        var listed = ini.Sections.Any(s => s.Equals("Firmy", StringComparison.OrdinalIgnoreCase))
            ? ini.Entries.Where(e => e.Section.Equals("Firmy", StringComparison.OrdinalIgnoreCase)).Select(e => e.Value.Trim())
                .Where(v => v.Length > 0).Select(v => Under(baseFolder, v))
            : data is not null && Directory.Exists(data) ? Directory.EnumerateDirectories(data).Order(StringComparer.Ordinal) : [];
        var firms = new List<MkpFirm>();
        var keys = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in listed)
            if (KeyOf(folder) is { Length: > 0 } key && keys.Add(key))
                firms.Add(new MkpFirm(key, folder));
        if (firms.Count == 0)
            return new FileFault("mkp.no-firms", path, -1, data is null
                ? "names no firm: it has neither a [Firmy] section nor a data folder ([Dane] Katalog=); check that it is Symfonia MK's MKP.INI"
                : $"names no firm: no [Firmy] section, and the data folder {data} holds no firm folder on this machine");
        return new MkpIni(path, data, firms);
    }

    /// <summary>A folder as the file writes it, under a base when it is relative (Windows or POSIX paths alike).</summary>
    internal static string Under(string baseFolder, string folder)
    {
        var windows = folder.Length >= 2 && folder[1] == ':' || folder.StartsWith(@"\\", StringComparison.Ordinal);
        if (windows || folder.StartsWith('/') || folder.StartsWith('\\') || baseFolder.Length == 0) return folder;
        var separator = baseFolder.Contains('\\') && !baseFolder.Contains('/') ? '\\' : '/';
        return baseFolder.TrimEnd('\\', '/') + separator + folder;
    }

    /// <summary>The last part of a folder path, with either separator.</summary>
    internal static string KeyOf(string folder) =>
        folder.TrimEnd('\\', '/', ' ').Split('\\', '/').LastOrDefault()?.Trim() ?? "";

    public Option<MkpFirm> Firm(string key) => Firms.Find(f => f.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Where detect looks: MKP.INI under the roaming application data of every user profile in
    /// <paramref name="usersRoot"/> (C:\Users on Windows), and the current user's own.
    /// </summary>
    public static IReadOnlyList<string> PerUser(string usersRoot, string? appData)
    {
        var files = new List<string>();
        if (appData is { Length: > 0 }) files.Add(Path.Combine(appData, "Sage", "Config", FileName));
        try
        {
            if (Directory.Exists(usersRoot))
                files.AddRange(Directory.EnumerateDirectories(usersRoot).Order(StringComparer.OrdinalIgnoreCase)
                    .Select(user => Path.Combine(user, "AppData", "Roaming", "Sage", "Config", FileName)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a users folder this account may not list: the current user's file is still looked at
        }
        return files.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
