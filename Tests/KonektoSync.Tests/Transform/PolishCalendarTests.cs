using KonektoSync.Transform.Calendar;

namespace KonektoSync.Tests.Transform;

public class PolishCalendarTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2011, "2011-04-24")]
    public void Easter_sunday_falls_on_the_known_date(int year, string expected)
    {
        var easter = PolishCalendar.EasterSunday(year);

        Assert.Equal(DateOnly.Parse(expected), easter);
    }

    [Theory]
    [InlineData("2024-05-30")] // Corpus Christi
    [InlineData("2024-04-01")] // Easter Monday
    [InlineData("2024-05-19")] // Pentecost Sunday
    [InlineData("2025-12-24")] // Wigilia, a day off since 2025
    [InlineData("2024-01-06")]
    [InlineData("2023-11-11")]
    [InlineData("2023-08-15")]
    [InlineData("2018-11-12")] // the one-off day off of the act of 7 Nov 2018
    [InlineData("2026-12-24")] // Wigilia, a Thursday
    public void A_statutory_day_off_is_a_public_holiday(string date)
    {
        var holiday = PolishCalendar.IsPublicHoliday(DateOnly.Parse(date));

        Assert.True(holiday);
    }

    [Theory]
    [InlineData("2024-12-24")] // Wigilia before 2025
    [InlineData("2010-01-06")] // Epiphany before 2011
    [InlineData("2024-05-31")]
    [InlineData("2024-03-29")] // Good Friday is a working day
    [InlineData("2018-11-13")] // the day after the one-off day off
    [InlineData("2019-11-12")] // 12 November in another year
    [InlineData("2017-11-13")]
    public void An_ordinary_day_is_not_a_public_holiday(string date)
    {
        var holiday = PolishCalendar.IsPublicHoliday(DateOnly.Parse(date));

        Assert.False(holiday);
    }

    [Theory]
    [InlineData("2023-08-20", "2023-08-21")] // Sunday
    [InlineData("2024-05-25", "2024-05-27")] // Saturday
    [InlineData("2025-12-24", "2025-12-29")] // Wigilia, Christmas, weekend
    [InlineData("2023-04-30", "2023-05-02")] // Sunday then 1 May
    [InlineData("2024-05-30", "2024-05-31")] // Corpus Christi
    [InlineData("2024-05-31", "2024-05-31")] // already a working day
    public void The_next_working_day_skips_weekends_and_holidays(string date, string expected)
    {
        var next = PolishCalendar.NextWorkingDay(DateOnly.Parse(date));

        Assert.Equal(DateOnly.Parse(expected), next);
    }
}
