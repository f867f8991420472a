using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace KonektoSync.Panel.Web.Shared;

/// <summary>
/// The web pages' texts, Polish and English: the embedded <c>Panel/Web/pages.tsv</c>, one text a
/// line, <c>key&lt;TAB&gt;English&lt;TAB&gt;Polish</c>, placeholders <c>{0}</c>, <c>{1}</c>…
/// (the format of Host/Texts/strings.tsv). Both languages are complete (a test checks it).
/// </summary>
public static class PageTexts
{
    public const string Polish = "pl";
    public const string English = "en";
    public const string LanguageCookie = "konektosync.lang";

    public static FrozenDictionary<string, (string En, string Pl)> All { get; } = Load();

    private static FrozenDictionary<string, (string En, string Pl)> Load()
    {
        using var stream = typeof(PageTexts).Assembly.GetManifestResourceStream("KonektoSync.Panel.Web.pages.tsv")
            ?? throw new InvalidOperationException("the pages' texts are not embedded");
        using var reader = new StreamReader(stream);
        var texts = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3) throw new InvalidOperationException("pages.tsv: not key<TAB>English<TAB>Polish: " + parts[0]);
            texts.Add(parts[0], (parts[1], parts[2]));
        }
        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The page language of a request: its language cookie, Polish when there is none.</summary>
    public static string LanguageOf(HttpContext h) =>
        h.Request.Cookies[LanguageCookie] == English ? English : Polish;

    /// <summary>The texts in the language of <paramref name="h"/>.</summary>
    public static PageLanguage For(HttpContext h) => new(LanguageOf(h));
}

/// <summary>The pages' texts in one language.</summary>
public sealed record PageLanguage(string Code)
{
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Code == PageTexts.English ? "en-GB" : "pl-PL");

    /// <summary>The text of <paramref name="key"/>, its placeholders filled (an unknown key is a bug).</summary>
    public string this[string key, params object?[] args]
    {
        get
        {
            var (en, pl) = PageTexts.All.TryGetValue(key, out var t) ? t
                : throw new KeyNotFoundException("no page text " + key);
            var text = Code == PageTexts.English ? en : pl;
            return args.Length == 0 ? text : string.Format(Culture, text, args);
        }
    }
}
