using System.Globalization;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Domain;

/// <summary>A calendar month (year-month), the period of contributions, taxes and statements.</summary>
public readonly record struct Period : IComparable<Period>
{
    public int Year { get; }
    public int Month { get; }
    private Period(int year, int month) => (Year, Month) = (year, month);

    public static Validation<Problem, Period> Create(int year, int month) =>
        TryCreate(year, month, out var period)
            ? Success<Problem, Period>(period)
            : Fail<Problem, Period>(Problem.Of("period.range",
                $"period {year:D4}-{month:D2}: month must be 1-12 and year 1990-2199",
                $"{year:D4}-{month:D2}"));

    /// <summary>The month when <see cref="Create"/> would succeed, without the value around it.</summary>
    public static bool TryCreate(int year, int month, out Period period)
    {
        var valid = year is >= 1990 and <= 2199 && month is >= 1 and <= 12;
        period = valid ? new Period(year, month) : default;
        return valid;
    }

    /// <summary>Parses "YYYY-MM".</summary>
    public static Validation<Problem, Period> Parse(string? raw)
    {
        var s = raw?.Trim() ?? "";
        return DateTime.TryParseExact(s, "yyyy-MM", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var d)
            ? Create(d.Year, d.Month)
            : Fail<Problem, Period>(Problem.Of("period.format",
                $"period '{s}': expected YYYY-MM, e.g. 2024-02", s));
    }

    /// <summary>The month a date falls in (dates are valid months by construction).</summary>
    public static Period Of(DateOnly date) => new(date.Year, date.Month);

    public int Quarter => (Month - 1) / 3 + 1;
    public bool IsQuarterEnd => Month % 3 == 0;
    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));
    public Period Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);
    public Period Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);
    public int Index => Year * 12 + Month - 1;

    /// <summary>All months from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static Seq<Period> Range(Period from, Period to)
    {
        var list = new List<Period>();
        for (var p = from; p.CompareTo(to) <= 0; p = p.Next) list.Add(p);
        return list.ToSeq();
    }

    public int CompareTo(Period other) => Index.CompareTo(other.Index);
    public static bool operator <(Period a, Period b) => a.Index < b.Index;
    public static bool operator >(Period a, Period b) => a.Index > b.Index;
    public static bool operator <=(Period a, Period b) => a.Index <= b.Index;
    public static bool operator >=(Period a, Period b) => a.Index >= b.Index;
    public override string ToString() => string.Create(7, this, static (text, p) =>
    {
        text[0] = (char)('0' + p.Year / 1000 % 10);
        text[1] = (char)('0' + p.Year / 100 % 10);
        text[2] = (char)('0' + p.Year / 10 % 10);
        text[3] = (char)('0' + p.Year % 10);
        text[4] = '-';
        text[5] = (char)('0' + p.Month / 10);
        text[6] = (char)('0' + p.Month % 10);
    });
}

/// <summary>An amount in Polish złoty, kept to the grosz.</summary>
public readonly record struct Money : IComparable<Money>
{
    public decimal Amount { get; }
    private Money(decimal amount) => Amount = amount;
    public static readonly Money Zero = new(0m);

    /// <summary>Rounds half away from zero to the grosz, as the programs show amounts.</summary>
    public static Money Pln(decimal amount) =>
        new(Math.Round(amount, 2, MidpointRounding.AwayFromZero));

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);
    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);
    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);
}
