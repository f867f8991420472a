using FsCheck;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;

namespace KonektoSync.Tests.Transform;

[Properties(Arbitrary = new[] { typeof(RulesArbitraries) }, MaxTest = 500)]
public class DueDatesProperties
{
    [Property]
    public bool A_tax_due_date_is_a_working_day_after_its_month_or_quarter(TaxKind kind, Period period)
    {
        var due = DueDates.ForTax(kind, period);

        var last = kind.IsQuarterly() ? Quarters.EndOf(period) : period;
        var pitDecemberUpTo2011 = kind is TaxKind.Pit5 or TaxKind.Pit5Quarterly && last.Month == 12 && last.Year <= 2011;
        return PolishCalendar.IsWorkingDay(due) && (pitDecemberUpTo2011
            ? due == PolishCalendar.NextWorkingDay(new DateOnly(last.Year, 12, 20))
            : due > last.LastDay);
    }

    [Property]
    public bool Every_month_of_a_quarter_has_the_due_date_of_its_quarter(TaxKind kind, Period period) =>
        !kind.IsQuarterly() || DueDates.ForTax(kind, period) == DueDates.ForTax(kind, Quarters.EndOf(period));

    [Property]
    public bool A_due_date_is_the_statutory_day_or_the_first_working_day_after_it(TaxKind kind, Period period)
    {
        var statutory = DueDates.StatutoryTaxDay(kind, period);
        var due = DueDates.ForTax(kind, period);

        var between = Enumerable.Range(0, due.DayNumber - statutory.DayNumber).Select(statutory.AddDays);
        return due >= statutory && between.All(d => !PolishCalendar.IsWorkingDay(d));
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
