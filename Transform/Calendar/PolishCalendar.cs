namespace KonektoSync.Transform.Calendar;

/// <summary>
/// Polish statutory days off (ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy, art. 1):
/// 1 Jan, 6 Jan (since 1 Jan 2011), Easter Sunday and Monday, 1 May, 3 May, Pentecost Sunday,
/// Corpus Christi, 15 Aug, 1 Nov, 11 Nov, 24 Dec (since 2025), 25 and 26 Dec; and Sundays.
/// Days off made by a one-off statute: 12 Nov 2018 (the act of 7 Nov 2018 on the national
/// holiday of the hundredth anniversary of independence, art. 2).
/// A deadline that falls on one of them, or on a Saturday, moves to the next working day
/// (Ordynacja podatkowa art. 12 §5; for ZUS through art. 31 of the social-insurance act).
/// </summary>
public static class PolishCalendar
{
    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    public static bool IsPublicHoliday(DateOnly date) =>
        IsFixedHoliday(date) || IsMovableHoliday(date) || OneOffDaysOff.Contains(date);

    /// <summary>Days off that a statute made for one year only.</summary>
    public static readonly IReadOnlySet<DateOnly> OneOffDaysOff = new HashSet<DateOnly>
    {
        new(2018, 11, 12),
    };

    /// <summary>Monday to Friday and not a statutory holiday.</summary>
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(date);

    /// <summary>
    /// The date itself when it is a working day; otherwise the first working day after it
    /// (past Saturdays, Sundays and holidays).
    /// </summary>
    public static DateOnly NextWorkingDay(DateOnly date)
    {
        var d = date;
        while (!IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }

    private static bool IsFixedHoliday(DateOnly d) => (d.Month, d.Day) switch
    {
        (1, 1) or (5, 1) or (5, 3) or (8, 15) or (11, 1) or (11, 11) or (12, 25) or (12, 26) => true,
        (1, 6) => d.Year >= 2011,
        (12, 24) => d.Year >= 2025,
        _ => false,
    };

    private static bool IsMovableHoliday(DateOnly d)
    {
        if (d.Month is < 3 or > 6) return false;
        var offset = d.DayNumber - EasterSunday(d.Year).DayNumber;
        return offset is 0 or 1 or 49 or 60;
    }
}
