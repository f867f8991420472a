using KonektoSync.Domain;

namespace KonektoSync.Transform.Calendar;

/// <summary>
/// When a month's ZUS contributions and a month's or quarter's taxes are due: the statutory
/// day, moved to the next working day (<see cref="PolishCalendar.NextWorkingDay"/>). Every
/// transition is decided by the period the value is for, as the law's transitional provisions
/// say; the sources are listed in docs/rules-periodic.md.
/// </summary>
public static class DueDates
{
    /// <summary>The first month whose ZUS contributions follow the 2022 deadlines (5th / 15th / 20th).</summary>
    public static readonly Period ZusDeadlines2022 = Period.Of(new DateOnly(2022, 1, 1));

    /// <summary>
    /// ZUS DRA and payment (art. 47 ust. 1 of the social-insurance system act). Contributions for
    /// January 2022 and later: budget units the 5th, legal persons the 15th, all others the 20th
    /// of the next month. For December 2021 and earlier: budget units the 5th, people paying
    /// only for themselves the 10th, others the 15th.
    /// </summary>
    public static DateOnly ForZus(PayerType type, Period period)
    {
        var day = period >= ZusDeadlines2022
            ? type switch { PayerType.BudgetUnit => 5, PayerType.LegalPerson => 15, _ => 20 }
            : type switch { PayerType.BudgetUnit => 5, PayerType.SelfOnly => 10, _ => 15 };
        return PolishCalendar.NextWorkingDay(Day(period.Next, day));
    }

    /// <summary>
    /// The day a tax is due. <paramref name="period"/> is the month of a monthly kind; for a
    /// quarterly kind any month of the quarter stands for the quarter.
    /// <list type="bullet">
    /// <item>VAT-7 (JPK_V7M): the 25th of the next month; VAT-7K (JPK_V7K) and VAT-7D: the 25th
    /// of the month after the quarter.</item>
    /// <item>PIT-4, PIT-8A (a payer's withholding), CIT advances (monthly or quarterly): the 20th
    /// of the month after the month or quarter.</item>
    /// <item>PIT advances on business income (PIT-5 / PIT-36 / PIT-36L), monthly or quarterly:
    /// the 20th after the month or quarter; for December or the fourth quarter of 2011 and
    /// earlier, 20 December of the same year; from 2012 on, 20 January.</item>
    /// <item>Ryczałt (PIT-28), monthly or quarterly: the 20th after the month or quarter; for
    /// December or the fourth quarter: with the annual return by 31 January (2018 and
    /// earlier), by the end of February (2019 to 2022), and by 20 January from 2023 on.</item>
    /// </list>
    /// </summary>
    public static DateOnly ForTax(TaxKind kind, Period period) =>
        PolishCalendar.NextWorkingDay(StatutoryTaxDay(kind, period));

    /// <summary>The day the law names, before a day off moves it.</summary>
    public static DateOnly StatutoryTaxDay(TaxKind kind, Period period)
    {
        var last = kind.IsQuarterly() ? Quarters.EndOf(period) : period;
        var after = last.Next;
        var yearEnd = last.Month == 12;
        return kind switch
        {
            TaxKind.Vat7 or TaxKind.Vat7K or TaxKind.Vat7D => Day(after, 25),
            TaxKind.Pit5 or TaxKind.Pit5Quarterly when yearEnd && last.Year <= 2011 =>
                new DateOnly(last.Year, 12, 20),
            TaxKind.Pit28 or TaxKind.Pit28Quarterly when yearEnd && last.Year <= 2018 =>
                new DateOnly(after.Year, 1, 31),
            TaxKind.Pit28 or TaxKind.Pit28Quarterly when yearEnd && last.Year <= 2022 =>
                after.Next.LastDay,
            TaxKind.Pit4 or TaxKind.Pit8A or TaxKind.Pit5 or TaxKind.Pit5Quarterly or TaxKind.Pit28 or TaxKind.Pit28Quarterly
                or TaxKind.Cit or TaxKind.CitQuarterly => Day(after, 20),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown tax kind"),
        };
    }

    private static DateOnly Day(Period p, int day) => new(p.Year, p.Month, day);
}

/// <summary>
/// Quarters as the panel receives them: a quarterly value has the last month of its quarter as
/// its period (Q1 2024 is 2024-03), so that a quarter is one period like a month.
/// </summary>
public static class Quarters
{
    /// <summary>The last month of the quarter <paramref name="month"/> falls in.</summary>
    public static Period EndOf(Period month)
    {
        var q = month;
        while (!q.IsQuarterEnd) q = q.Next;
        return q;
    }

    /// <summary>The period a value of <paramref name="kind"/> for <paramref name="month"/> is shown under.</summary>
    public static Period PeriodOf(TaxKind kind, Period month) => kind.IsQuarterly() ? EndOf(month) : month;
}
