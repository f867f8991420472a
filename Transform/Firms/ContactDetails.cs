using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>Normalising the free text programs keep for addresses, e-mails and phones.</summary>
public static class ContactDetails
{
    /// <summary>Trimmed text, inner runs of white space made one space; empty gives None.</summary>
    public static Option<string> Text(string? raw)
    {
        var parts = (raw ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? None : Some(string.Join(' ', parts));
    }

    /// <summary>"street, postal-code city"; the parts a program leaves empty are left out.</summary>
    public static string Address(string? street, string? postalCode, string? city)
    {
        var town = string.Join(' ', Seq(Text(postalCode), Text(city)).Somes());
        return string.Join(", ", Seq(Text(street), Text(town)).Somes());
    }

    /// <summary>
    /// An e-mail address is kept when it has one '@' with text before it, a dot inside the
    /// part after it, and no white space.
    /// </summary>
    public static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || email.Any(char.IsWhiteSpace))
            return false;
        var domain = email[(at + 1)..];
        var dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..");
    }
}
