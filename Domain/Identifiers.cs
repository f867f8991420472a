using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Domain;

internal static class Digits
{
    public static string Compact(string raw, bool stripPl)
    {
        var s = raw.Trim();
        if (stripPl && s.Length >= 2 && (s[0] is 'P' or 'p') && (s[1] is 'L' or 'l'))
            s = s[2..];
        return s.AsSpan().IndexOfAny(Separators) < 0
            ? s
            : new string(s.Where(c => c is not (' ' or '-' or '\u00A0' or '\t')).ToArray());
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" -\u00A0\t");

    public static bool AllDigits(string s) => s.Length > 0 && !s.AsSpan().ContainsAnyExceptInRange('0', '9');

    public static int WeightedSum(string digits, ReadOnlySpan<int> weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++) sum += (digits[i] - '0') * weights[i];
        return sum;
    }
}

/// <summary>Polish tax identifier: 10 digits, mod-11 check digit (weights 6,5,7,2,3,4,5,6,7).</summary>
public sealed record Nip : IComparable<Nip>
{
    private static readonly int[] Weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    public string Value { get; }
    private Nip(string value) => Value = value;

    /// <summary>Accepts "PL", spaces and either dash style; stores 10 bare digits.</summary>
    public static Validation<Problem, Nip> Create(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return Fail<Problem, Nip>(Problem.Of("nip.missing", "NIP is missing"));
        var d = Digits.Compact(raw, stripPl: true);
        if (!Digits.AllDigits(d) || d.Length != 10)
            return Fail<Problem, Nip>(Problem.Of("nip.format",
                $"NIP {raw.Trim()}: must have 10 digits", raw.Trim()));
        var check = Digits.WeightedSum(d, Weights) % 11;
        return check == 10 || check != d[9] - '0'
            ? Fail<Problem, Nip>(Problem.Of("nip.checksum",
                $"NIP {raw.Trim()}: wrong check digit", raw.Trim()))
            : Success<Problem, Nip>(new Nip(d));
    }

    /// <summary>XXX-XXX-XX-XX.</summary>
    public string Formatted => $"{Value[..3]}-{Value[3..6]}-{Value[6..8]}-{Value[8..]}";
    public int CompareTo(Nip? other) => string.CompareOrdinal(Value, other?.Value);
    public override string ToString() => Value;
}

public enum Sex { Female, Male }

/// <summary>
/// Polish personal number: 11 digits YYMMDDZZZXQ, weights 1,3,7,9,1,3,7,9,1,3, the century in
/// the month offset. A secret: <see cref="ToString"/> masks it; use <see cref="Value"/> knowingly.
/// </summary>
public sealed record Pesel
{
    private static readonly int[] Weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    public string Value { get; }
    public DateOnly BirthDate { get; }
    public Sex Sex => (Value[9] - '0') % 2 == 0 ? Sex.Female : Sex.Male;
    private Pesel(string value, DateOnly birth) => (Value, BirthDate) = (value, birth);

    public static Validation<Problem, Pesel> Create(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return Fail<Problem, Pesel>(Problem.Of("pesel.missing", "PESEL is missing"));
        var d = Digits.Compact(raw, stripPl: false);
        if (!Digits.AllDigits(d) || d.Length != 11)
            return Fail<Problem, Pesel>(Problem.Of("pesel.format",
                $"PESEL {Mask(d)}: must have 11 digits", Mask(d)));
        var check = (10 - Digits.WeightedSum(d, Weights) % 10) % 10;
        if (check != d[10] - '0')
            return Fail<Problem, Pesel>(Problem.Of("pesel.checksum",
                $"PESEL {Mask(d)}: wrong check digit", Mask(d)));
        return DecodeBirthDate(d) is { } date
            ? Success<Problem, Pesel>(new Pesel(d, date))
            : Fail<Problem, Pesel>(Problem.Of("pesel.date",
                $"PESEL {Mask(d)}: the encoded birth date does not exist", Mask(d)));
    }

    /// <summary>The birth date of 11 digits, when it exists.</summary>
    private static DateOnly? DecodeBirthDate(string d)
    {
        static int Two(string s, int at) => (s[at] - '0') * 10 + (s[at + 1] - '0');
        var yy = Two(d, 0);
        var mm = Two(d, 2);
        var dd = Two(d, 4);
        var (century, month) = (mm / 20) switch
        {
            0 => (1900, mm), 1 => (2000, mm - 20), 2 => (2100, mm - 40),
            3 => (2200, mm - 60), _ => (1800, mm - 80),
        };
        var year = century + yy;
        return month is >= 1 and <= 12 && dd >= 1 && dd <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, dd)
            : null;
    }

    /// <summary>Only the last two digits stay readable.</summary>
    public static string Mask(string raw) =>
        raw.Length <= 2 ? new string('*', raw.Length) : new string('*', raw.Length - 2) + raw[^2..];

    public override string ToString() => Mask(Value);
}

/// <summary>Polish statistical number: 9 digits (weights 8,9,2,3,4,5,6,7) or 14 digits.</summary>
public sealed record Regon
{
    private static readonly int[] Weights9 = [8, 9, 2, 3, 4, 5, 6, 7];
    private static readonly int[] Weights14 = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];
    public string Value { get; }
    private Regon(string value) => Value = value;

    public static Validation<Problem, Regon> Create(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return Fail<Problem, Regon>(Problem.Of("regon.missing", "REGON is missing"));
        var d = Digits.Compact(raw, stripPl: false);
        if (!Digits.AllDigits(d) || d.Length is not (9 or 14))
            return Fail<Problem, Regon>(Problem.Of("regon.format",
                $"REGON {raw.Trim()}: must have 9 or 14 digits", raw.Trim()));
        var ok = d.Length == 9
            ? Checks(d, Weights9)
            : Checks(d[..9], Weights9) && Checks(d, Weights14);
        return ok
            ? Success<Problem, Regon>(new Regon(d))
            : Fail<Problem, Regon>(Problem.Of("regon.checksum",
                $"REGON {raw.Trim()}: wrong check digit", raw.Trim()));
    }

    private static bool Checks(string d, int[] weights) =>
        Digits.WeightedSum(d, weights) % 11 % 10 == d[weights.Length] - '0';

    public override string ToString() => Value;
}
