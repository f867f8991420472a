using System.Runtime.Versioning;
using Microsoft.Win32;

namespace KonektoSync.Extract.Programs.Platnik;

/// <summary>
/// Płatnik's database settings in the Windows registry:
/// <c>HKLM\SOFTWARE\[WOW6432Node\]Asseco Poland SA\Płatnik\&lt;version&gt;\Baza</c>, as ADO/OLE DB values
/// (Provider, Data Source, Initial Catalog, User ID, Integrated Security). The provider tells an
/// Access database (Jet/ACE) from SQL Server. The stored passwords are never read.
/// Source: https://github.com/antylama/platnik-switcher (a tool that switches Płatnik's database by editing this key).
/// </summary>
public static class PlatnikRegistry
{
    private static readonly string[] Roots =
        [@"SOFTWARE\WOW6432Node\Asseco Poland SA\Płatnik", @"SOFTWARE\Asseco Poland SA\Płatnik"];

    /// <summary>The settings of the newest installed version (Windows only; elsewhere none).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Proposals() =>
        OperatingSystem.IsWindows() ? FromRegistry() : [];

    [SupportedOSPlatform("windows")]
    private static IEnumerable<IReadOnlyDictionary<string, string>> FromRegistry()
    {
        foreach (var root in Roots)
        {
            using var key = Registry.LocalMachine.OpenSubKey(root);
            if (key is null) continue;
            foreach (var version in key.GetSubKeyNames().OrderByDescending(v => v, StringComparer.Ordinal))
            {
                using var baza = key.OpenSubKey(version + @"\Baza");
                if (baza is null) continue;
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var name in new[] { "Provider", "Data Source", "Initial Catalog", "User ID", "Integrated Security" })
                    if (baza.GetValue(name) is string v) values[name] = v;
                if (Settings(values) is { } settings) { yield return settings; yield break; }
            }
        }
    }

    /// <summary>
    /// The program settings a "Baza" key's values give: an Access file for a Jet/ACE provider, a SQL
    /// Server database otherwise (host, instance or port, database, Windows or SQL login); null when
    /// the values name no database.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Settings(IReadOnlyDictionary<string, string> values)
    {
        string? Get(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var provider = Get("Provider") ?? "";
        if (Get("Data Source") is not { } source) return null;
        if (provider.Contains("Jet", StringComparison.OrdinalIgnoreCase) || provider.Contains("ACE", StringComparison.OrdinalIgnoreCase))
            return new Dictionary<string, string> { ["storage"] = "access", ["path"] = source };
        if (Get("Initial Catalog") is not { } database) return null;
        var settings = new Dictionary<string, string> { ["storage"] = "sqlserver", ["database"] = database };
        var (server, rest) = source.Split('\\', 2) is [var h, var i] ? (h, i) : (source, null);
        if (rest is not null) settings["instance"] = rest;
        var hostPort = server.Split(',', 2);
        settings["host"] = hostPort[0] is "." or "(local)" ? "localhost" : hostPort[0];
        if (hostPort.Length == 2) settings["port"] = hostPort[1].Trim();
        var windows = Get("Integrated Security") is { } sspi && !sspi.Equals("false", StringComparison.OrdinalIgnoreCase);
        settings["auth"] = windows ? "windows" : "sql";
        if (!windows && Get("User ID") is { } user) settings["user"] = user;
        return settings;
    }
}
