using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
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

    /// <summary>The text of <paramref name="key"/> in the reader's language, or null when there is none.</summary>
    public static string? Find(string key) => Resources.GetString(key, Culture);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>, or null when there is none.</summary>
    public static string? Find(string key, CultureInfo culture) => Resources.GetString(key, culture);

    public static string Of(Problem p) => Render("msg." + p.Code, p.Message, p.Args, Culture);

    public static string Of(SyncEvent e) => Render("msg." + e.Code, e.Message, e.Args, Culture);

    /// <summary>A problem's text in <paramref name="culture"/> (a web page's language), whatever the process's language.</summary>
    public static string Of(Problem p, CultureInfo culture) => Render("msg." + p.Code, p.Message, p.Args, culture);

    /// <summary>An event's text in <paramref name="culture"/> (a web page's language), whatever the process's language.</summary>
    public static string Of(SyncEvent e, CultureInfo culture) => Render("msg." + e.Code, e.Message, e.Args, culture);

    /// <summary>
    /// The remedy in the reader's language: a remedy composed by a rule from a fixed sentence
    /// ("remedy.generic.&lt;name&gt;", whatever the event's code) first, else the code's own remedy.
    /// </summary>
    public static string Remedy(SyncEvent e) =>
        e.Remedy.Length == 0 ? "" : Generic(e.Remedy) ?? Render("remedy." + e.Code, e.Remedy, e.Args, Culture);

    /// <summary>
    /// Remedies that one step gives for problems of any code ("fix the configuration: konektosync programs
    /// check raks"): "remedy.generic.&lt;name&gt;" whose English template matches the remedy, in the reader's language.
    /// </summary>
    private static string? Generic(string remedy)
    {
        foreach (var key in GenericRemedyKeys)
        {
            var english = Resources.GetString(key, CultureInfo.InvariantCulture)!;
            var pattern = "^" + Regex.Replace(Regex.Escape(english), @"\\\{(\d+)}", "(?<a$1>.*)") + "$";
            var match = Regex.Match(remedy, pattern, RegexOptions.CultureInvariant);
            if (!match.Success) continue;
            var values = Placeholders(english).Select(i => (object)match.Groups["a" + i].Value).ToArray();
            return string.Format(CultureInfo.InvariantCulture, Get(key), values);
        }
        return null;
    }

    // the more specific sentence first: a shorter one could match it with a placeholder taking the rest
    private static readonly string[] GenericRemedyKeys =
    [
        "remedy.generic.check-program", "remedy.generic.zus-declaration-payer", "remedy.generic.zus-declaration",
        "remedy.generic.complete-firm",
    ];

    private static int[] Placeholders(string template) =>
        Enumerable.Range(0, Regex.Matches(template, @"\{(\d+)}").Select(m => int.Parse(m.Groups[1].Value) + 1).DefaultIfEmpty(0).Max()).ToArray();

    private static string Render(string key, string fallback, LanguageExt.Seq<string> args, CultureInfo culture)
    {
        var template = Resources.GetString(key, culture);
        if (template is null) return fallback;
        var values = args.ToArray<object>();
        try { return string.Format(new Parts(values, culture), template, values); }
        catch (FormatException) { return fallback; }
    }

    /// <summary>
    /// "{n:group}" renders the text "group.&lt;value of n&gt;" (formatted with the same args), so a template can
    /// name a data kind or pick the wording of a variant in the reader's language; the raw value when there is none.
    /// </summary>
    private sealed class Parts(object[] args, CultureInfo culture) : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider)
        {
            var value = Convert.ToString(arg, CultureInfo.InvariantCulture) ?? "";
            if (string.IsNullOrEmpty(format)) return value;
            var part = Resources.GetString(format + "." + value, culture);
            return part is null ? value : string.Format(CultureInfo.InvariantCulture, part, args);
        }
    }
}
