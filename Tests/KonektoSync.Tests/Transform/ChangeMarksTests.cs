using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

/// <summary>
/// When a program's change marker holds: the same fingerprint and settings, and today's date
/// giving the same date-dependent outcomes (the month, and no tax of the requested months falling
/// due since the marked day); and the plan's hash in a stable order.
/// </summary>
public sealed class ChangeMarksTests
{
    private static readonly Period From = Period.Of(new DateOnly(2024, 1, 1)), To = Period.Of(new DateOnly(2024, 12, 1));
    private static readonly DateOnly Marked = new(2024, 4, 23);
    private static readonly ChangeMark Mark = new(ProgramId.Raks, "F1", "S1", "P1", Marked, "run-1", 2);
    private static Nip N(string digits) => Nip.Create(digits).Match(n => n, _ => throw new InvalidOperationException(digits));

    [Fact]
    public void The_marker_holds_on_its_own_day_and_the_next_while_no_tax_falls_due_for_the_same_fingerprint_and_settings()
    {
        Assert.True(ChangeMarks.Holds(Some(Mark), Some("F1"), "S1", From, To, Marked));
        Assert.True(ChangeMarks.Holds(Some(Mark), Some("F1"), "S1", From, To, Marked.AddDays(1)));
    }

    [Fact]
    public void No_marker_a_fingerprint_that_cannot_be_taken_another_fingerprint_or_other_settings_is_a_change()
    {
        Assert.False(ChangeMarks.Holds(None, Some("F1"), "S1", From, To, Marked));
        Assert.False(ChangeMarks.Holds(Some(Mark), None, "S1", From, To, Marked));
        Assert.False(ChangeMarks.Holds(Some(Mark), Some("F2"), "S1", From, To, Marked));
        Assert.False(ChangeMarks.Holds(Some(Mark), Some("F1"), "S2", From, To, Marked));
    }

    [Fact]
    public void A_tax_of_the_requested_months_falling_due_after_the_marked_day_makes_the_marker_fail()
    {
        // VAT-7 for March 2024 is due on 25 April 2024 (a Thursday)
        Assert.Equal(new DateOnly(2024, 4, 25), DueDates.ForTax(TaxKind.Vat7, Period.Of(new DateOnly(2024, 3, 1))));
        Assert.True(ChangeMarks.SameDateOutcome(Marked, new DateOnly(2024, 4, 24), From, To));
        Assert.False(ChangeMarks.SameDateOutcome(Marked, new DateOnly(2024, 4, 25), From, To));
        // months whose taxes fell due long before: nothing moves within the month
        var old = Period.Of(new DateOnly(2023, 1, 1));
        Assert.True(ChangeMarks.SameDateOutcome(new DateOnly(2024, 4, 2), new DateOnly(2024, 4, 29), old, old));
    }

    [Fact]
    public void Another_month_or_a_clock_set_back_makes_the_marker_fail()
    {
        var old = Period.Of(new DateOnly(2023, 1, 1));
        Assert.False(ChangeMarks.SameDateOutcome(new DateOnly(2024, 4, 30), new DateOnly(2024, 5, 1), old, old));
        Assert.False(ChangeMarks.SameDateOutcome(Marked, Marked.AddDays(-1), old, old));
    }

    [Fact]
    public void The_plan_hash_ignores_the_order_of_firms_and_kinds_and_sees_a_kind_or_firm_more()
    {
        var a = new PlanItem(N("5260250995"), "A", Set(DataKind.Taxes, DataKind.Zus));
        var b = new PlanItem(N("7740001454"), "B", Set(DataKind.Basic));
        var bMore = b with { Kinds = Set(DataKind.Basic, DataKind.Statements) };

        Assert.Equal(ChangeMarks.PlanHash(Seq(a, b)), ChangeMarks.PlanHash(Seq(b, a)));
        Assert.NotEqual(ChangeMarks.PlanHash(Seq(a, b)), ChangeMarks.PlanHash(Seq(a, bMore)));
        Assert.NotEqual(ChangeMarks.PlanHash(Seq(a, b)), ChangeMarks.PlanHash(Seq1(a)));
    }
}
