using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;

namespace KonektoSync.Tests.Domain;

[Properties(Arbitrary = new[] { typeof(Arbs) })]
public class PeriodProperties
{
    [Property]
    public bool Previous_undoes_next(Period p) => p.Next.Previous == p && p.Previous.Next == p;

    [Property]
    public bool Next_is_one_month_later(Period p) => p.Next.Index == p.Index + 1 && p < p.Next;

    [Property]
    public Property Range_has_one_month_per_month_between_the_ends() =>
        Prop.ForAll(
            (from start in DomainGen.Period
             from months in Gen.Choose(0, 40)
             select (From: start, months)).ToArbitrary(),
            x =>
            {
                var to = Enumerable.Range(0, x.months).Aggregate(x.From, (p, _) => p.Next);
                var range = Period.Range(x.From, to);
                return range.Count == x.months + 1 && range.Head == x.From && range.Last == to;
            });

    [Property]
    public bool Range_from_a_later_month_is_empty(Period p) => Period.Range(p.Next, p).IsEmpty;

    [Property]
    public bool Quarter_holds_three_months_and_ends_on_its_last(Period p) =>
        p.Quarter == (p.Month + 2) / 3 && p.IsQuarterEnd == (p.Month == p.Quarter * 3);

    [Property]
    public bool Text_parses_back_to_the_same_period(Period p) =>
        Period.Parse(p.ToString()).Match(Succ: q => q == p, Fail: _ => false);
}
