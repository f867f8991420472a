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
/// and dots are ignored, and a trailing version in brackets ("VAT-7(22)") is dropped.
/// </summary>
public static class TaxForms
{
    public static Option<TaxForm> Recognize(string? formName)
    {
        var n = Normalize(formName);
        return n switch
        {
            "VAT7" or "JPKV7M" or "JPKVAT7" => Some(new TaxForm(TaxKind.Vat7, false)),
            "VAT7K" or "JPKV7K" => Some(new TaxForm(TaxKind.Vat7K, false)),
            "PIT4R" => Some(new TaxForm(TaxKind.Pit4, true)),
            "PIT8AR" => Some(new TaxForm(TaxKind.Pit8A, true)),
            "PIT4" => Some(new TaxForm(TaxKind.Pit4, false)),
            "PIT8A" => Some(new TaxForm(TaxKind.Pit8A, false)),
            "PIT5" or "PIT5L" or "PIT36" or "PIT36L" => Some(new TaxForm(TaxKind.Pit5, false)),
            "PIT28" => Some(new TaxForm(TaxKind.Pit28, false)),
            "CIT" or "CIT8" => Some(new TaxForm(TaxKind.Cit, false)),
            _ when n.StartsWith("RYCZALT", StringComparison.Ordinal) =>
                Some(new TaxForm(TaxKind.Pit28, false)),
            _ => None,
        };
    }

    /// <summary>Upper case, Polish letters folded to ASCII, separators and "(version)" removed.</summary>
    public static string Normalize(string? formName)
    {
        var s = (formName ?? "").Trim();
        var bracket = s.IndexOf('(');
        if (bracket > 0) s = s[..bracket];
        var chars = new List<char>(s.Length);
        foreach (var c in s.ToUpperInvariant())
        {
            if (c is ' ' or '-' or '_' or '.' or '\u2013' or '\u00A0' or '\t') continue;
            chars.Add(c switch
            {
                'Ą' => 'A', 'Ć' => 'C', 'Ę' => 'E', 'Ł' => 'L', 'Ń' => 'N',
                'Ó' => 'O', 'Ś' => 'S', 'Ź' => 'Z', 'Ż' => 'Z', _ => c,
            });
        }
        return new string(chars.ToArray());
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
