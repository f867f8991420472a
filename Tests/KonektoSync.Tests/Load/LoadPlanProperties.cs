using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Tests.Transform;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>The load's "disappeared" is rule 8's <see cref="Disappeared.Find"/>, not a copy of it.</summary>
[Properties(MaxTest = 200)]
public class LoadPlanProperties
{
    private static readonly Nip Firm = RulesTestData.FirmNip;

    private static Confirmed ConfirmedOf(FactKey k) => new(k.Text, k.Period, k.Subject, "hash", false);

    private static Fact FactOf(FactKey k) => k.Period.Match(
        Some: p => Tax(Firm, k.Subject == "VAT-7" ? TaxKind.Vat7 : TaxKind.Pit4, p, 10m),
        None: () => Basic(Firm, "Firma", null));

    /// <summary>Keys of the taxes group or its basic data, as the journal could hold them.</summary>
    private static Gen<Seq<FactKey>> Keys => DisappearedProperties.Keys;

    private static Gen<Option<(Period, Period)>> Months =>
        Gen.Frequency(
            (1, Gen.Constant(Option<(Period, Period)>.None)),
            (3, from a in Gen.Choose(0, 6)
                from b in Gen.Choose(0, 6)
                select Some((DisappearedProperties.Month(Math.Min(a, b)),
                    DisappearedProperties.Month(Math.Max(a, b))))));

    [Property]
    public Property The_load_reports_as_disappeared_exactly_what_rule_8_finds() =>
        Prop.ForAll(Keys.ToArbitrary(), Keys.ToArbitrary(), Months.ToArbitrary(), (confirmed, read, months) =>
        {
            var journal = confirmed.DistinctBy(k => k.Text).ToDictionary(k => k.Text, ConfirmedOf);
            var facts = read.Filter(k => k.Period.IsSome).DistinctBy(k => k.Text).Map(FactOf).ToSeq();
            var command = new LoadCommand(Firm, DataKind.Taxes, facts, Approve: false) { Months = months };
            var range = months.IsSome || facts.IsEmpty
                ? months
                : Some((facts.Map(f => f.Key.Period.Head()).Min(), facts.Map(f => f.Key.Period.Head()).Max()));

            var actual = LoadPlan.Decide(command, journal, wantsUnchanged: false).Disappeared;

            var expected = range.Match(
                Some: r => Disappeared.Find(confirmed, facts.Map(f => f.Key), r.Item1, r.Item2,
                    YearlyFolders.YearsOf(r.Item1, r.Item2)),
                None: () => Seq<FactKey>());
            return actual.Map(k => k.Text).SequenceEqual(expected.Map(k => k.Text))
                .Label($"load {string.Join(", ", actual)} / rule {string.Join(", ", expected)}");
        });
}

public class LoadPlanTests
{
    [Fact]
    public void Basic_data_the_source_no_longer_gives_is_not_reported_as_disappeared()
    {
        var firm = Basic(FirmA, "Firma", null);
        var journal = new Dictionary<string, Confirmed>
        {
            [firm.Key.Text] = new(firm.Key.Text, None, firm.Key.Subject, firm.ContentHash, false),
        };
        var command = new LoadCommand(FirmA, DataKind.Basic, Seq<Fact>(), Approve: false)
        {
            Months = (Month(2024, 1), Month(2024, 3)),
        };

        var actual = LoadPlan.Decide(command, journal, wantsUnchanged: false);

        Assert.Empty(actual.Disappeared);
    }
}
