using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Planning;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class SourceChoiceTests
{
    private static readonly Nip FirmNip = Tests.Generators.DomainGen.Valid(Nip.Create("8567346215"));

    private static MergedFirm FirmIn(params (ProgramId Program, string Key)[] sources) =>
        new(FirmNip, toSeq(sources.Select(s => new FirmInProgram(s.Program, s.Key,
            new Firm(FirmNip, "Piekarnia Nowak", None, "", None, None, Seq<Person>())))));

    [Fact]
    public void A_firm_in_raks_and_fakt_takes_the_global_choice_of_fakt()
    {
        var firm = FirmIn((ProgramId.Fakt, "PIEKARNIA"), (ProgramId.Raks, "17"));
        var global = SourceSettings.None.With(SourceSlot.TaxesAndStatements, SourceSetting.Of(ProgramId.Fakt));

        var actual = SourceChoice.Choose(firm, SourceSlot.TaxesAndStatements, SourceSettings.None, global);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Fakt, "PIEKARNIA", "global"), actual);
    }

    [Fact]
    public void The_firms_own_choice_of_raks_beats_the_global_choice_of_fakt()
    {
        var firm = FirmIn((ProgramId.Fakt, "PIEKARNIA"), (ProgramId.Raks, "17"));
        var own = SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Of(ProgramId.Raks));
        var global = SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Of(ProgramId.Fakt));

        var actual = SourceChoice.Choose(firm, SourceSlot.Zus, own, global);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Raks, "17", "own"), actual);
    }

    [Fact]
    public void Nie_aktualizuj_switches_the_slot_off()
    {
        var firm = FirmIn((ProgramId.Raks, "17"));
        var own = SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Off);

        var actual = SourceChoice.Choose(firm, SourceSlot.Zus, own, SourceSettings.None);

        Assert.Equal(new SourceDecision.Off(), actual);
    }

    [Fact]
    public void Platnik_chosen_for_all_firms_gives_brak_danych_for_a_firm_it_does_not_have()
    {
        var firm = FirmIn((ProgramId.Raks, "17"));
        var global = SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Of(ProgramId.Platnik));

        var actual = SourceChoice.Choose(firm, SourceSlot.Zus, SourceSettings.None, global);

        Assert.Equal(new SourceDecision.NoData(ProgramId.Platnik), actual);
    }

    [Fact]
    public void The_only_program_with_the_firm_is_its_source()
    {
        var firm = FirmIn((ProgramId.Optima, "BIURO_NOWAK"));

        var actual = SourceChoice.Choose(firm, SourceSlot.Basic, SourceSettings.None, SourceSettings.None);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Optima, "BIURO_NOWAK", "only program"), actual);
    }

    [Fact]
    public void Two_programs_and_no_choice_are_a_conflict_listing_both()
    {
        var firm = FirmIn((ProgramId.Fakt, "PIEKARNIA"), (ProgramId.Raks, "17"));

        var actual = SourceChoice.Choose(firm, SourceSlot.Zus, SourceSettings.None, SourceSettings.None);

        Assert.Equal(new SourceDecision.Conflict(Seq(ProgramId.Fakt, ProgramId.Raks)), actual);
    }

    [Fact]
    public void Basic_data_in_two_programs_with_no_choice_comes_from_the_first_in_the_fixed_order()
    {
        var firm = FirmIn((ProgramId.Raks, "17"), (ProgramId.Fakt, "PIEKARNIA"));

        var actual = SourceChoice.Choose(firm, SourceSlot.Basic, SourceSettings.None, SourceSettings.None);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Fakt, "PIEKARNIA", "default order"), actual);
    }

    [Fact]
    public void Basic_data_of_a_firm_in_platnik_and_raks_defaults_to_raks_since_payer_programs_come_last()
    {
        var firm = FirmIn((ProgramId.Platnik, "P1"), (ProgramId.Raks, "17"));

        var actual = SourceChoice.Choose(firm, SourceSlot.Basic, SourceSettings.None, SourceSettings.None);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Raks, "17", "default order"), actual);
        Assert.Equal(Seq(ProgramId.Platnik, ProgramId.Reset2Platnik), SourceChoice.BasicOrder.Skip(SourceChoice.BasicOrder.Count - 2).ToSeq());
    }

    [Fact]
    public void Basic_data_in_two_programs_comes_from_the_program_the_firm_chose()
    {
        var firm = FirmIn((ProgramId.Raks, "17"), (ProgramId.Fakt, "PIEKARNIA"));
        var own = SourceSettings.None.With(SourceSlot.Basic, SourceSetting.Of(ProgramId.Raks));

        var actual = SourceChoice.Choose(firm, SourceSlot.Basic, own, SourceSettings.None);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Raks, "17", "own"), actual);
    }

    [Fact]
    public void Two_entries_in_one_program_read_the_first_key()
    {
        var firm = FirmIn((ProgramId.Raks, "17"), (ProgramId.Raks, "09"));

        var actual = SourceChoice.Choose(firm, SourceSlot.Zus, SourceSettings.None, SourceSettings.None);

        Assert.Equal(new SourceDecision.Chosen(ProgramId.Raks, "09", "only program"), actual);
    }
}
