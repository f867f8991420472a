using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Planning;

namespace KonektoSync.Tests.Transform;

[Properties(Arbitrary = new[] { typeof(Arbs) })]
public class SourceChoiceProperties
{
    private static bool Has(MergedFirm firm, ProgramId p) => firm.Programs.Contains(p);

    [Property]
    public bool Every_input_gives_one_decision_and_the_same_one_twice(
        MergedFirm firm, SourceSlot slot, SourceSettings own, SourceSettings global)
    {
        var actual = SourceChoice.Choose(firm, slot, own, global);

        return actual is SourceDecision.Chosen or SourceDecision.Off
                   or SourceDecision.NoData or SourceDecision.Conflict
            && actual == SourceChoice.Choose(firm, slot, own, global);
    }

    [Property]
    public bool The_firms_own_setting_beats_the_global_one(
        MergedFirm firm, SourceSlot slot, SourceSettings own, SourceSettings global) =>
        own.For(slot) is SourceSetting.NotSet
        || (SourceChoice.Choose(firm, slot, own, global), own.For(slot)) switch
        {
            (SourceDecision.Off, SourceSetting.DoNotUpdate) => true,
            (SourceDecision.Chosen c, SourceSetting.FromProgram p) =>
                c.Program == p.Program && c.Why == SourceDecision.ByOwnSetting,
            (SourceDecision.NoData n, SourceSetting.FromProgram p) =>
                n.Program == p.Program && !Has(firm, p.Program),
            _ => false,
        };

    [Property]
    public bool The_global_setting_decides_when_the_firm_has_none(
        MergedFirm firm, SourceSlot slot, SourceSettings global) =>
        global.For(slot) is SourceSetting.NotSet
        || (SourceChoice.Choose(firm, slot, SourceSettings.None, global), global.For(slot)) switch
        {
            (SourceDecision.Off, SourceSetting.DoNotUpdate) => true,
            (SourceDecision.Chosen c, SourceSetting.FromProgram p) =>
                c.Program == p.Program && c.Why == SourceDecision.ByGlobalSetting,
            (SourceDecision.NoData n, SourceSetting.FromProgram p) =>
                n.Program == p.Program && !Has(firm, p.Program),
            _ => false,
        };

    [Property]
    public bool Without_settings_the_only_program_is_chosen_and_several_are_a_conflict_for_zus_and_taxes(
        MergedFirm firm, SourceSlot slot) =>
        SourceChoice.Choose(firm, slot, SourceSettings.None, SourceSettings.None) switch
        {
            SourceDecision.Chosen c when firm.Programs.Count == 1 =>
                c.Program == firm.Programs[0] && c.Why == SourceDecision.ByOnlyProgram,
            SourceDecision.Chosen c => slot == SourceSlot.Basic && c.Why == SourceDecision.ByDefaultOrder,
            SourceDecision.Conflict c => slot != SourceSlot.Basic && firm.Programs.Count > 1
                && c.Candidates == firm.Programs,
            _ => false,
        };

    [Property]
    public bool Basic_data_in_several_programs_defaults_to_the_first_of_the_fixed_order(MergedFirm firm) =>
        firm.Programs.Count < 2
        || SourceChoice.Choose(firm, SourceSlot.Basic, SourceSettings.None, SourceSettings.None)
            == new SourceDecision.Chosen(
                SourceChoice.BasicOrder.Find(p => firm.Programs.Contains(p)).IfNone(ProgramId.Raks),
                firm.In(SourceChoice.BasicOrder.Find(p => firm.Programs.Contains(p)).IfNone(ProgramId.Raks))
                    .Map(s => s.FirmKey).IfNone(""),
                SourceDecision.ByDefaultOrder);

    [Property]
    public bool The_default_source_of_basic_data_does_not_depend_on_the_order_sources_are_listed(MergedFirm firm)
    {
        var reversed = firm with { Sources = firm.Sources.Rev() };

        return SourceChoice.Choose(firm, SourceSlot.Basic, SourceSettings.None, SourceSettings.None)
            == SourceChoice.Choose(reversed, SourceSlot.Basic, SourceSettings.None, SourceSettings.None);
    }

    [Property]
    public bool A_basic_data_setting_replaces_the_default(MergedFirm firm, bool ownLevel)
    {
        var other = firm.Programs.Last;
        var setting = SourceSettings.None.With(SourceSlot.Basic, SourceSetting.Of(other));
        var (own, global) = ownLevel ? (setting, SourceSettings.None) : (SourceSettings.None, setting);

        return SourceChoice.Choose(firm, SourceSlot.Basic, own, global) is SourceDecision.Chosen c
            && c.Program == other
            && c.Why == (ownLevel ? SourceDecision.ByOwnSetting : SourceDecision.ByGlobalSetting);
    }

    [Property]
    public bool A_chosen_program_has_the_firm_under_the_chosen_key(
        MergedFirm firm, SourceSlot slot, SourceSettings own, SourceSettings global) =>
        SourceChoice.Choose(firm, slot, own, global) is not SourceDecision.Chosen c
        || firm.Sources.Exists(s => s.Program == c.Program && s.FirmKey == c.FirmKey);

    [Property]
    public bool A_chosen_program_without_the_firm_gives_brak_danych(
        MergedFirm firm, SourceSlot slot, bool ownLevel)
    {
        var missing = Enum.GetValues<ProgramId>().First(p => !Has(firm, p));
        var setting = SourceSettings.None.With(slot, SourceSetting.Of(missing));
        var (own, global) = ownLevel ? (setting, SourceSettings.None) : (SourceSettings.None, setting);

        var actual = SourceChoice.Choose(firm, slot, own, global);

        return actual == new SourceDecision.NoData(missing);
    }

    [Property]
    public bool Nie_aktualizuj_wins_at_the_level_that_decides(
        MergedFirm firm, SourceSlot slot, ProgramId other)
    {
        var off = SourceSettings.None.With(slot, SourceSetting.Off);
        var program = SourceSettings.None.With(slot, SourceSetting.Of(other));

        var ownOff = SourceChoice.Choose(firm, slot, off, program);
        var globalOff = SourceChoice.Choose(firm, slot, SourceSettings.None, off);
        var ownOverridesGlobalOff = SourceChoice.Choose(firm, slot, program, off);

        return ownOff is SourceDecision.Off && globalOff is SourceDecision.Off
            && ownOverridesGlobalOff is not SourceDecision.Off;
    }
}
