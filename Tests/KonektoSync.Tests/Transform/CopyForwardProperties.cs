using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class CopyForwardProperties
{
    private static readonly Gen<(Seq<ZusContribution> Filed, Period From, Period To)> Case =
        from filed in RulesArbitraries.Contribution(RulesArbitraries.PeriodGen(2022, 2024)).ListOf()
        from a in RulesArbitraries.PeriodGen(2022, 2024)
        from b in RulesArbitraries.PeriodGen(2022, 2024)
        select (filed.DistinctBy(c => (c.Payer.Key, c.Period)).ToSeq(), a < b ? a : b, a < b ? b : a);

    [Property(MaxTest = 300)]
    public Property A_filed_month_is_never_changed() =>
        Prop.ForAll(Case.ToArbitrary(), c =>
        {
            var (result, _) = CopyForward.Apply(c.Filed, c.From, c.To);

            return c.Filed.Filter(f => f.Period >= c.From && f.Period <= c.To)
                .ForAll(f => result.Filter(r => r.Payer == f.Payer && r.Period == f.Period).ToList() is [var only]
                    && only == f);
        });

    [Property(MaxTest = 300)]
    public Property Each_copy_equals_the_nearest_earlier_filed_month_of_its_payer() =>
        Prop.ForAll(Case.ToArbitrary(), c =>
        {
            var (result, _) = CopyForward.Apply(c.Filed, c.From, c.To);

            return result.Filter(r => r.Origin == ZusOrigin.Copied).ForAll(copy =>
            {
                var earlier = c.Filed.Filter(f => f.Payer == copy.Payer && f.Period < copy.Period);
                var nearest = earlier.OrderByDescending(f => f.Period).First();
                return !c.Filed.Exists(f => f.Payer == copy.Payer && f.Period == copy.Period)
                    && copy == nearest with { Period = copy.Period, Origin = ZusOrigin.Copied };
            });
        });

    [Property(MaxTest = 300)]
    public Property Every_month_after_a_payers_first_declaration_has_exactly_one_value() =>
        Prop.ForAll(Case.ToArbitrary(), c =>
        {
            var (result, _) = CopyForward.Apply(c.Filed, c.From, c.To);

            return c.Filed.GroupBy(f => f.Payer).All(payer =>
            {
                var first = payer.Min(f => f.Period);
                return Period.Range(c.From, c.To).ForAll(m =>
                    result.Count(r => r.Payer == payer.Key && r.Period == m) == (m >= first ? 1 : 0));
            });
        });
}
