using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Panel;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

[Properties(Arbitrary = new[] { typeof(Arbs) })]
public class BasicDataDiffProperties
{
    /// <summary>The panel's and a program's view of the same firm.</summary>
    private static Arbitrary<(Firm Panel, Firm Source)> SameFirm =>
        (from nip in DomainGen.Nip
         from panel in FirmGen.FirmWith(nip)
         from source in FirmGen.FirmWith(nip)
         select (panel, source)).ToArbitrary();

    [Property]
    public bool A_firm_compared_with_itself_does_not_change(Firm firm, bool update) =>
        BasicDataDiff.Diff(Some(firm), firm, update) is { IsEmpty: true } d && d.Result == firm;

    [Property]
    public Property With_the_option_off_only_users_are_added() =>
        Prop.ForAll(SameFirm, x =>
        {
            var actual = BasicDataDiff.Diff(Some(x.Panel), x.Source, updateBasicData: false);
            return actual.AllChanges.IsEmpty && actual.Users.ForAll(u => u.IsNew)
                && (actual.Result with { People = x.Panel.People }) == x.Panel
                && actual.Result.People.Take(x.Panel.People.Count).SequenceEqual(x.Panel.People);
        });

    [Property]
    public Property Applying_the_change_then_comparing_again_finds_nothing_to_change() =>
        Prop.ForAll(SameFirm, Gen.Elements(true, false).ToArbitrary(), (x, update) =>
        {
            var first = BasicDataDiff.Diff(Some(x.Panel), x.Source, update);
            var again = BasicDataDiff.Diff(Some(first.Result), x.Source, update);
            return again.IsEmpty && again.Result == first.Result;
        });

    [Property]
    public Property No_user_of_the_panel_is_ever_removed() =>
        Prop.ForAll(SameFirm, Gen.Elements(true, false).ToArbitrary(), (x, update) =>
            BasicDataDiff.Diff(Some(x.Panel), x.Source, update).Result.People.Count >= x.Panel.People.Count);

    [Property]
    public Property Every_reported_change_is_to_the_sources_value() =>
        Prop.ForAll(SameFirm, x =>
            BasicDataDiff.Diff(Some(x.Panel), x.Source, updateBasicData: true).FirmChanges.ForAll(c =>
                c.Field switch
                {
                    BasicField.FirmName => c.To == Some(x.Source.Name),
                    BasicField.FirmEmail => c.To == x.Source.Email,
                    BasicField.FirmPhone => c.To == x.Source.Phone,
                    _ => c.To == Some(x.Source.Address),
                }));

    [Property]
    public Property The_panel_knowing_peoples_pesel_only_as_digest_decides_the_same() =>
        Prop.ForAll(SameFirm, Gen.Elements(true, false).ToArbitrary(), (x, update) =>
        {
            var held = new PanelFirm(x.Panel with { People = x.Panel.People.Map(p => p with { Pesel = None }) },
                x.Panel.People.Map(p => KonektoSync.Transform.Firms.PersonIdentity.Of(p, TestKeys.Pesel)));
            var full = BasicDataDiff.Diff(Some(x.Panel), x.Source, update).Result;
            var digestOnly = BasicDataDiff.DiffHeld(Some(held), x.Source, update, TestKeys.Pesel).Result;
            return digestOnly == full with
            {
                People = full.People.Take(x.Panel.People.Count).Map(p => p with { Pesel = None }).ToSeq()
                    + full.People.Skip(x.Panel.People.Count).ToSeq(),
            };
        });

    [Property]
    public Property The_panel_keeps_its_regon_and_takes_the_sources_when_it_has_none() =>
        Prop.ForAll(SameFirm, Gen.Elements(true, false).ToArbitrary(), (x, update) =>
        {
            var regon = Some(KonektoSync.Tests.Transform.RulesTestData.Valid(Regon.Create("123456785")));
            var withRegon = BasicDataDiff.Diff(Some(x.Panel with { Regon = regon }), x.Source, update).Result;
            var without = BasicDataDiff.Diff(Some(x.Panel), x.Source with { Regon = regon }, update).Result;
            return withRegon.Regon == regon && without.Regon == regon;
        });
}
