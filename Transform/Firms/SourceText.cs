using System.Buffers;
using System.Text;
using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>
/// Text read from a program may hold characters that act on whoever shows it: NUL and other
/// control characters, terminal escape sequences (ESC [ ... m recolours a terminal, ESC ] ...
/// retitles it) and the Unicode bidirectional controls (U+202E makes "exe.txt" read "txt.exe",
/// https://unicode.org/reports/tr9/ and CVE-2021-42574). They are removed on import, so they
/// never reach the terminal, the log files or the CSV files; a firm whose data held any gets
/// one warning, <c>source.control-characters</c>, naming it. Tab, line feed and carriage return
/// are kept (the places that show text treat them as white space).
/// </summary>
public static class SourceText
{
    public const string Code = "source.control-characters";

    /// <summary>The text without control characters, escape sequences and bidi controls.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text)
    {
        if (text is null || !HasUnsafe(text)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u001b') i = EndOfEscape(text, i);
            else if (!IsUnsafe(c)) kept.Append(c);
        }
        return kept.ToString();
    }

    /// <summary>A control (but tab, line feed, carriage return) or a bidi control character.</summary>
    public static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Every character <see cref="IsUnsafe"/> finds, for a vectorised search.</summary>
    private static readonly SearchValues<char> UnsafeChars =
        SearchValues.Create(Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(i => (char)i).Where(IsUnsafe).ToArray());

    /// <summary>The index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int EndOfEscape(string text, int start)
    {
        if (start + 1 >= text.Length) return start;
        var i = start + 1;
        switch (text[i])
        {
            case '[': // CSI: parameters and intermediates, then one final byte @..~
                i++;
                while (i < text.Length && text[i] is < '@' or > '~' && text[i] >= ' ') i++;
                return Math.Min(i, text.Length - 1);
            case ']' or 'P' or 'X' or '^' or '_': // a string ended by BEL or ESC \
                i++;
                while (i < text.Length && text[i] != '\u0007'
                       && !(text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '\\')) i++;
                return i < text.Length && text[i] == '\u001b' ? i + 1 : Math.Min(i, text.Length - 1);
            default: // a two-character escape
                return text[i] >= ' ' && text[i] <= '~' ? i : start;
        }
    }

    /// <summary>The firm as read, cleaned, and whether anything was removed.</summary>
    public static (RawFirm Firm, bool Changed) Clean(RawFirm raw)
    {
        var cleaned = raw with
        {
            FirmKey = Clean(raw.FirmKey), Nip = Clean(raw.Nip), Name = Clean(raw.Name),
            Street = Clean(raw.Street), PostalCode = Clean(raw.PostalCode), City = Clean(raw.City),
            Email = Clean(raw.Email), Phone = Clean(raw.Phone), Regon = Clean(raw.Regon),
            People = raw.People?.Select(Clean).ToList() ?? [],
        };
        return (cleaned, HasUnsafe(raw));
    }

    private static bool HasUnsafe(string? text) => text is not null && text.AsSpan().ContainsAny(UnsafeChars);

    private static bool AnyUnsafe(params ReadOnlySpan<string?> texts)
    {
        foreach (var text in texts)
            if (HasUnsafe(text)) return true;
        return false;
    }

    /// <summary>Whether cleaning would change the record, without a list of its texts (records are read by the thousand).</summary>
    private static bool HasUnsafe(SourceRecord record) => record switch
    {
        RawBasicData b => HasUnsafe(b.FirmKey) || HasUnsafe(b.Data),
        RawDeclaration d => AnyUnsafe(d.FirmKey, d.DocumentId, d.FormName),
        RawTrialBalanceLine l => AnyUnsafe(l.FirmKey, l.Account, l.Name),
        RawZusDeclaration z => HasUnsafe(z),
        RawReport r => HasUnsafe(r),
        _ => HasUnsafe(record.FirmKey),
    };

    private static bool HasUnsafe(RawFirm f)
    {
        if (AnyUnsafe(f.FirmKey, f.Nip, f.Name, f.Street, f.PostalCode, f.City, f.Email, f.Phone, f.Regon)) return true;
        foreach (var p in f.People ?? [])
            if (AnyUnsafe(p.FirstName, p.LastName, p.Pesel, p.Nip, p.Email, p.Phone, p.Role)) return true;
        return false;
    }

    private static bool HasUnsafe(RawZusDeclaration z) =>
        AnyUnsafe(z.FirmKey, z.DocumentId, z.PayerNip, z.PayerPesel, z.PayerName, z.PayerType);

    private static bool HasUnsafe(RawReport r)
    {
        if (AnyUnsafe(r.FirmKey, r.ReportId, r.ReportKind)) return true;
        foreach (var i in r.Items)
            if (HasUnsafe(i.Code) || (i.Zus is { } z && HasUnsafe(z))) return true;
        return false;
    }

    private static RawPerson Clean(RawPerson p) => new(Clean(p.FirstName), Clean(p.LastName),
        Clean(p.Pesel), Clean(p.Nip), Clean(p.Email), Clean(p.Phone), Clean(p.Role));

    /// <summary>The record as read, with its text cleaned, and whether anything was removed.</summary>
    public static (SourceRecord Record, bool Changed) Clean(SourceRecord record)
    {
        if (!HasUnsafe(record)) return (record, false);
        SourceRecord cleaned = record switch
        {
            RawBasicData b => b with { FirmKey = Clean(b.FirmKey), Data = Clean(b.Data).Firm },
            RawDeclaration d => d with
            {
                FirmKey = Clean(d.FirmKey), DocumentId = Clean(d.DocumentId), FormName = Clean(d.FormName),
            },
            RawZusDeclaration z => Clean(z),
            RawReport r => r with
            {
                FirmKey = Clean(r.FirmKey), ReportId = Clean(r.ReportId), ReportKind = Clean(r.ReportKind),
                Items = r.Items.Select(i => i with { Code = Clean(i.Code), Zus = i.Zus is null ? null : Clean(i.Zus) })
                    .ToList(),
            },
            RawTrialBalanceLine l => l with { FirmKey = Clean(l.FirmKey), Account = Clean(l.Account), Name = Clean(l.Name) },
            _ => record with { FirmKey = Clean(record.FirmKey) },
        };
        return (cleaned, true);
    }

    private static RawZusDeclaration Clean(RawZusDeclaration z) => z with
    {
        FirmKey = Clean(z.FirmKey), DocumentId = Clean(z.DocumentId), PayerNip = Clean(z.PayerNip),
        PayerPesel = Clean(z.PayerPesel), PayerName = Clean(z.PayerName), PayerType = Clean(z.PayerType),
    };

    /// <summary>The warning that text of the firm was cleaned; <paramref name="firm"/> names it.</summary>
    public static SyncEvent Cleaned(ProgramId program, string firmKey, string firm, Nip? nip) =>
        SyncEvent.Of(Severity.Warning, Code,
            $"Firm {firm} (key {firmKey}) in {program}: control or text-direction characters were removed from its data",
            $"Correct the firm's data in {program} if the text looks wrong.", program, nip,
            args: [program.Code(), firmKey, firm, program.ToString()]);
}
