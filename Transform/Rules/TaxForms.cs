using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Rules;

/// <summary>
/// A recognised tax form: the tax it carries and whether it is an annual declaration whose
/// month is taken from its date (PIT-4R, PIT-8AR; rule 4).
/// </summary>
public sealed record TaxForm(TaxKind Kind, bool AnnualTakenMonthly);

/// <summary>
/// Maps a form name, as a program spells it, to a tax. Matching is by name, never by the
/// program's internal id (ids differ between installations): case, spaces, dashes, underscores
/// and dots are ignored, and a trailing version in brackets ("VAT-7(22)") is dropped. A name
/// that says "kwartalny" / "kwartalna" / "kwartał" (anywhere, brackets included) or ends in
/// "kw" is the quarterly form of its tax: "PIT-5L kwartalny", "Ryczałt kwartalny",
/// "CIT (kwartalna)". VAT-7K, JPK_V7K and VAT-7D are quarterly by name. PIT-4 and PIT-8A have
/// no quarterly form: such a name is not recognised.
/// </summary>
public static class TaxForms
{
    private static readonly string[] QuarterlyEndings = ["KWARTALNIE", "KWARTALNY", "KWARTALNA", "KWARTAL", "KW"];

    public static Option<TaxForm> Recognize(string? formName)
    {
        var n = Normalize(formName);
        var ending = System.Array.Find(QuarterlyEndings, e => n.EndsWith(e, StringComparison.Ordinal));
        var quarterly = ending is not null || Fold(formName).Contains("KWARTAL", StringComparison.Ordinal);
        var name = ending is null ? n : n[..^ending.Length];
        return (name, quarterly) switch
        {
            ("VAT7" or "JPKV7M" or "JPKVAT7", false) => Some(new TaxForm(TaxKind.Vat7, false)),
            ("VAT7" or "VAT7K" or "JPKV7K", _) => Some(new TaxForm(TaxKind.Vat7K, false)),
            ("VAT7D", _) => Some(new TaxForm(TaxKind.Vat7D, false)),
            ("PIT4R", false) => Some(new TaxForm(TaxKind.Pit4, true)),
            ("PIT8AR", false) => Some(new TaxForm(TaxKind.Pit8A, true)),
            ("PIT4", false) => Some(new TaxForm(TaxKind.Pit4, false)),
            ("PIT8A", false) => Some(new TaxForm(TaxKind.Pit8A, false)),
            ("PIT5" or "PIT5L" or "PIT36" or "PIT36L", var q) =>
                Some(new TaxForm(q ? TaxKind.Pit5Quarterly : TaxKind.Pit5, false)),
            ("PIT28", var q) => Some(new TaxForm(q ? TaxKind.Pit28Quarterly : TaxKind.Pit28, false)),
            ("CIT" or "CIT8", var q) => Some(new TaxForm(q ? TaxKind.CitQuarterly : TaxKind.Cit, false)),
            (_, var q) when name.StartsWith("RYCZALT", StringComparison.Ordinal) =>
                Some(new TaxForm(q ? TaxKind.Pit28Quarterly : TaxKind.Pit28, false)),
            _ => None,
        };
    }

    /// <summary>Upper case, Polish letters folded to ASCII, separators and "(version)" removed.</summary>
    public static string Normalize(string? formName)
    {
        var s = (formName ?? "").Trim();
        var bracket = s.IndexOf('(');
        return Fold(bracket > 0 ? s[..bracket] : s);
    }

    /// <summary>Upper case, Polish letters folded to ASCII, separators removed; brackets kept.</summary>
    private static string Fold(string? text)
    {
        var upper = (text ?? "").ToUpperInvariant();
        Span<char> chars = upper.Length <= 128 ? stackalloc char[upper.Length] : new char[upper.Length];
        var length = 0;
        foreach (var c in upper)
        {
            if (c is ' ' or '-' or '_' or '.' or '\u2013' or '\u00A0' or '\t') continue;
            chars[length++] = c switch
            {
                'Ą' => 'A', 'Ć' => 'C', 'Ę' => 'E', 'Ł' => 'L', 'Ń' => 'N',
                'Ó' => 'O', 'Ś' => 'S', 'Ź' => 'Z', 'Ż' => 'Z', _ => c,
            };
        }
        return new string(chars[..length]);
    }
}

/// <summary>
/// <see cref="TaxForms.Recognize"/> and <see cref="TaxForms.Normalize"/> made once per distinct
/// form name of one call (a group names a few forms many times). Made and dropped by its caller:
/// nothing is kept between calls.
/// </summary>
internal sealed class FormNames
{
    private readonly Dictionary<string, (string Normalized, Option<TaxForm> Form)> _known = new(StringComparer.Ordinal);

    /// <summary>As <see cref="TaxForms.Recognize"/>.</summary>
    public Option<TaxForm> Recognize(string? formName) => Of(formName).Form;

    /// <summary>As <see cref="TaxForms.Normalize"/>.</summary>
    public string Normalize(string? formName) => Of(formName).Normalized;

    // a missing name reads as the empty one in both (formName ?? "")
    private (string Normalized, Option<TaxForm> Form) Of(string? formName)
    {
        var name = formName ?? "";
        if (!_known.TryGetValue(name, out var known))
            _known[name] = known = (TaxForms.Normalize(name), TaxForms.Recognize(name));
        return known;
    }
}

/// <summary>Orders document ids numerically where both are numbers, else ordinally.</summary>
internal static class DocumentIds
{
    public static int Compare(string? a, string? b) =>
        long.TryParse(a, out var x) && long.TryParse(b, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
