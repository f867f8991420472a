using KonektoSync.Domain;

namespace KonektoSync.Transform.Calendar;

/// <summary>
/// When a month's ZUS contributions and taxes are due: the statutory day, moved to the next
/// working day (<see cref="PolishCalendar.NextWorkingDay"/>).
/// </summary>
public static class DueDates
{
    /// <summary>
    /// ZUS DRA and payment (art. 47 ust. 1 of the social-insurance system act). Deadlines falling
    /// in 2022 or later: budget units the 5th, legal persons the 15th, all others the 20th of the
    /// next month. Earlier: budget units the 5th, people paying only for themselves the 10th,
    /// others the 15th.
    /// </summary>
    public static DateOnly ForZus(PayerType type, Period period)
    {
        var dueMonth = period.Next;
        var day = dueMonth.Year >= 2022
            ? type switch { PayerType.BudgetUnit => 5, PayerType.LegalPerson => 15, _ => 20 }
            : type switch { PayerType.BudgetUnit => 5, PayerType.SelfOnly => 10, _ => 15 };
        return PolishCalendar.NextWorkingDay(new DateOnly(dueMonth.Year, dueMonth.Month, day));
    }

    /// <summary>
    /// VAT-7 (JPK_V7M): the 25th of the next month. VAT-7K (JPK_V7K): the 25th of the month
    /// after the quarter (for any month of that quarter). PIT-4, PIT-8A, PIT-5 advances, CIT
    /// advances and ryczałt (PIT-28): the 20th of the next month; ryczałt for December up to
    /// 2022 was due with the annual return, by the end of February of the next year.
    /// </summary>
    public static DateOnly ForTax(TaxKind kind, Period period) =>
        PolishCalendar.NextWorkingDay(StatutoryTaxDay(kind, period));

    private static DateOnly StatutoryTaxDay(TaxKind kind, Period period)
    {
        var next = period.Next;
        return kind switch
        {
            TaxKind.Vat7 => Day(next, 25),
            TaxKind.Vat7K => Day(QuarterEnd(period).Next, 25),
            TaxKind.Pit28 when period.Month == 12 && period.Year <= 2022 =>
                new DateOnly(next.Year, 2, DateTime.DaysInMonth(next.Year, 2)),
            _ => Day(next, 20),
        };
    }

    private static Period QuarterEnd(Period p)
    {
        var q = p;
        while (!q.IsQuarterEnd) q = q.Next;
        return q;
    }

    private static DateOnly Day(Period p, int day) => new(p.Year, p.Month, day);
}
