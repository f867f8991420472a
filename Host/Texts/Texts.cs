using System.Globalization;
using System.Resources;
using KonektoSync.Domain;

namespace KonektoSync.Host.Texts;

/// <summary>
/// What a user reads, from resources in English (Strings.resx) and Polish (Strings.pl.resx).
/// The language: --lang, else KONEKTOSYNC_LANG, else the system's UI culture.
/// Problems and events are rendered by their stable code ("msg.&lt;code&gt;", "remedy.&lt;code&gt;"), with the
/// English sentence they carry as the fallback.
/// </summary>
public static class Texts
{
    private static readonly ResourceManager Resources =
        new("KonektoSync.Host.Texts.Strings", typeof(Texts).Assembly);

    public static CultureInfo Culture { get; private set; } = CultureInfo.CurrentUICulture;

    public static void UseLanguage(string? lang)
    {
        var code = lang ?? Environment.GetEnvironmentVariable("KONEKTOSYNC_LANG");
        Culture = code is null ? CultureInfo.CurrentUICulture : CultureInfo.GetCultureInfo(code);
    }

    public static string Get(string key, params object?[] args)
    {
        var template = Resources.GetString(key, Culture) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    public static string Of(Problem p) => Render("msg." + p.Code, p.Message, p.Args);

    public static string Of(SyncEvent e) => Render("msg." + e.Code, e.Message, e.Args);

    public static string Remedy(SyncEvent e) =>
        e.Remedy.Length == 0 ? "" : Render("remedy." + e.Code, e.Remedy, e.Args);

    private static string Render(string key, string fallback, LanguageExt.Seq<string> args)
    {
        var template = Resources.GetString(key, Culture);
        if (template is null) return fallback;
        try { return string.Format(CultureInfo.InvariantCulture, template, args.ToArray<object>()); }
        catch (FormatException) { return fallback; }
    }
}
