using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Resources;

namespace KonektoSync.Host.Cli;

/// <summary>
/// System.CommandLine's own texts (help headings, the help and version options, parse errors, "did you
/// mean") from the texts file: key "scl." and the name of its resource. Its Polish satellite leaves
/// several of them in English ("Description:", "[options]", "Show help and usage information",
/// "Cannot parse argument..."); System.CommandLine 2.0 has no public hook for them (the help builder
/// is internal), so its resource manager is replaced once by one that asks the texts file first and
/// falls back to System.CommandLine's own. CliLanguageTests fail when a new version moves that field.
/// </summary>
public static class CommandLineTexts
{
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        var assembly = typeof(RootCommand).Assembly;
        var resources = assembly.GetType("System.CommandLine.Properties.Resources");
        var field = resources?.GetField("resourceMan", BindingFlags.Static | BindingFlags.NonPublic);
        if (field?.FieldType != typeof(ResourceManager)) return;
        field.SetValue(null, new Ours("System.CommandLine.Properties.Resources", assembly));
    }

    private sealed class Ours(string baseName, Assembly assembly) : ResourceManager(baseName, assembly)
    {
        public override string? GetString(string name, CultureInfo? culture) =>
            Texts.Texts.Find("scl." + name, culture ?? CultureInfo.CurrentUICulture) ?? base.GetString(name, culture);

        public override string? GetString(string name) => GetString(name, null);
    }
}
