using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class CopyForwardTests
{
    [Fact]
    public void A_month_without_a_declaration_takes_the_latest_earlier_one_marked_copied()
    {
        var jan = Contribution(Owner, P(2024, 1), 1600m);
        var mar = Contribution(Owner, P(2024, 3), 1700m);

        var (result, _) = CopyForward.Apply(Seq(jan, mar), P(2024, 1), P(2024, 4));

        Assert.Equal(new[]
        {
            (P(2024, 1), 1600m, ZusOrigin.Filed), (P(2024, 2), 1600m, ZusOrigin.Copied),
            (P(2024, 3), 1700m, ZusOrigin.Filed), (P(2024, 4), 1700m, ZusOrigin.Copied),
        }, result.Map(c => (c.Period, c.Components.TotalDue.Amount, c.Origin)).ToArray());
    }

    [Fact]
    public void The_source_may_be_before_the_range_and_months_before_the_first_declaration_stay_empty()
    {
        var nov = Contribution(Owner, P(2023, 11), 1500m);
        var employeesMar = Contribution(PayerKey.Employees, P(2024, 3), 9000m);

        var (result, _) = CopyForward.Apply(Seq(nov, employeesMar), P(2024, 2), P(2024, 3));

        Assert.Equal(2, result.Count(c => c.Payer == Owner));
        Assert.Equal(new[] { P(2024, 3) }, result.Filter(c => c.Payer == PayerKey.Employees).Map(c => c.Period).ToArray());
    }

    [Fact]
    public void Copying_across_a_january_gives_a_warning()
    {
        var dec = Contribution(Owner, P(2023, 12), 1500m);

        var (_, events) = CopyForward.Apply(Seq1(dec), P(2024, 1), P(2024, 2));

        var warning = Assert.Single(events);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.StartsWith("contributions for 2024-01 copied from 2023-12", warning.Message);
        Assert.EndsWith("the new year's contribution base may differ", warning.Message);
    }
}
