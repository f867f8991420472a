using System.Text.RegularExpressions;

namespace KonektoSync.Host.Reports;

/// <summary>
/// What an error report must never carry, removed from a text: the known secrets (the configured
/// programs' passwords, the data folder's key), connection-string pairs, <c>password=…</c>-like
/// values and bearer tokens, long hexadecimal keys, e-mail addresses (and <c>user:password@host</c>
/// credentials with them), PESELs and any other run of 11 or more digits, and phone numbers (9 or
/// more digits with spaces, dashes, dots or brackets between them). The rules err on the side of
/// removing too much: a NIP, a long date-time or a bank account number goes as well.
/// Pure: every rule is here and nothing else decides what a report keeps.
/// </summary>
public static class Scrubber
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Removed = "***";

    /// <summary>Known secrets shorter than this are not searched for (they would match ordinary words).</summary>
    public const int ShortestKnownSecret = 4;

    private const string Value = """(?:"[^"]*"|'[^']*'|[^\s;'"]+)""";

    private static readonly (Regex Pattern, string Replacement)[] Rules =
    [
        // connection-string pairs: the value up to the next ';' (or quoted)
        (Rx("""(server|host|hostname|data ?source|addr(?:ess)?|database|initial ?catalog|user ?id|userid|uid|user ?name|user|login|password|pwd|passwd|port|dsn|role|attachdbfilename)\s*=\s*(?:"[^"]*"|'[^']*'|[^;\r\n]*)"""),
            "$1=" + Removed),
        // password: value, "token": "value", api_key=value, hasło=value
        (Rx($$"""(password|passwd|pwd|secret|token|api[_-]?key|apikey|credentials?|has[lł]o)["']?\s*[:=]\s*{{Value}}"""),
            "$1=" + Removed),
        (Rx("""(bearer|basic)\s+[A-Za-z0-9\-._~+/]+=*"""), "$1 " + Removed),
        // the data folder's key and other long hexadecimal secrets
        (Rx("[0-9a-f]{32,}"), "[key]"),
        // an e-mail address, and credentials before a host (scheme://user:password@host)
        (Rx("""[^\s@<>()\[\]{},;"']*@[^\s@<>()\[\]{},;"']+"""), "[e-mail]"),
        // PESEL and any longer run of digits
        (Rx(@"\d{11,}"), "[number]"),
        // a phone number: 9 or more digits, with separators between them
        (Rx(@"(?:\+|00)?\(?\d(?:[ .\-()/]{0,2}\d){8,}"), "[phone]"),
    ];

    private static Regex Rx(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The text without anything the rules above remove.</summary>
    public static string Scrub(string text, IReadOnlyCollection<string> knownSecrets)
    {
        var secrets = knownSecrets
            .Where(s => s.Length >= ShortestKnownSecret && s.Trim('*').Length > 0)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
        var scrubbed = WithoutKnown(text, secrets);
        foreach (var (pattern, replacement) in Rules) scrubbed = pattern.Replace(scrubbed, replacement);
        // a replacement may complete a known secret again ("[key]" next to a secret's start): once more
        return WithoutKnown(scrubbed, secrets);
    }

    private static string WithoutKnown(string text, List<string> secrets)
    {
        for (var pass = 0; pass < 4; pass++)
        {
            var before = text;
            foreach (var s in secrets) text = text.Replace(s, Removed, StringComparison.Ordinal);
            if (text == before) break;
        }
        return text;
    }
}
