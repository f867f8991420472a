using FsCheck;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;

namespace KonektoSync.Tests.Transform;

[Properties(Arbitrary = new[] { typeof(RulesArbitraries) }, MaxTest = 500)]
public class DueDatesProperties
{
    [Property]
    public bool A_tax_due_date_is_a_working_day_after_its_period(TaxKind kind, Period period)
    {
        var due = DueDates.ForTax(kind, period);

        return PolishCalendar.IsWorkingDay(due) && due > period.LastDay;
    }

    [Property]
    public bool A_zus_due_date_is_a_working_day_after_its_period(PayerType type, Period period)
    {
        var due = DueDates.ForZus(type, period);

        return PolishCalendar.IsWorkingDay(due) && due > period.LastDay;
    }

    [Property]
    public bool The_next_working_day_is_never_a_saturday_sunday_or_holiday(Period period, byte day)
    {
        var date = period.FirstDay.AddDays(day % 31);

        var next = PolishCalendar.NextWorkingDay(date);

        return next >= date && next.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && !PolishCalendar.IsPublicHoliday(next);
    }
}
