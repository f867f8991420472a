using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Planning;
using LanguageExt;
using KonektoSync.Tests.Generators;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class SyncPlannerTests
{
    private static readonly Nip Bakery = DomainGen.Valid(Nip.Create("8567346215"));
    private static readonly Nip Builder = DomainGen.Valid(Nip.Create("1234563218"));
    private static readonly Nip Unknown = DomainGen.Valid(Nip.Create("5260250274"));

    private static MergedFirm FirmIn(Nip nip, params (ProgramId Program, string Key)[] sources) =>
        new(nip, toSeq(sources.Select(s => new FirmInProgram(s.Program, s.Key,
            new Firm(nip, $"Firma {nip.Value[..3]}", None, "", None, None, Seq<Person>())))));

    private static SyncRequest Request(Option<Set<Nip>> firms = default, params DataKind[] kinds) =>
        new(DomainGen.Valid(Period.Create(2024, 1)), DomainGen.Valid(Period.Create(2024, 3)), toSet(kinds), firms,
            Approve: false, SendSummary: false, Manual: true);

    private static readonly Seq<MergedFirm> Firms = Seq(
        FirmIn(Bakery, (ProgramId.Fakt, "PIEKARNIA"), (ProgramId.Raks, "17")),
        FirmIn(Builder, (ProgramId.Raks, "3")));

    private static SourceSettings Global => SourceSettings.None
        .With(SourceSlot.TaxesAndStatements, SourceSetting.Of(ProgramId.Fakt))
        .With(SourceSlot.Basic, SourceSetting.Of(ProgramId.Raks));

    [Fact]
    public void Reads_each_kind_from_its_chosen_program_and_basic_data_always()
    {
        var own = Map((Bakery, SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Of(ProgramId.Raks))));

        var actual = SyncPlanner.Plan(Firms, own, Global, Set(Bakery), Request(default,
            DataKind.Zus, DataKind.Taxes, DataKind.Statements));

        Assert.Equal(Seq1(new PlanItem(Bakery, "PIEKARNIA", Set(DataKind.Taxes, DataKind.Statements))),
            actual.PerProgram[ProgramId.Fakt]);
        Assert.Equal(Seq1(new PlanItem(Bakery, "17", Set(DataKind.Basic, DataKind.Zus))),
            actual.PerProgram[ProgramId.Raks]);
        Assert.True(actual.Notes.IsEmpty);
    }

    [Fact]
    public void Reads_basic_data_even_when_the_request_names_no_kind()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global, Set(Builder), Request());

        Assert.Equal(Map((ProgramId.Raks, Seq1(new PlanItem(Builder, "3", Set(DataKind.Basic))))),
            actual.PerProgram);
    }

    [Fact]
    public void Reads_basic_data_once_when_the_request_also_names_it()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global, Set(Builder),
            Request(default, DataKind.Basic));

        Assert.Equal(Seq1(new PlanItem(Builder, "3", Set(DataKind.Basic))), actual.PerProgram[ProgramId.Raks]);
    }

    [Fact]
    public void Reads_only_selected_firms_and_only_those_the_request_names()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global,
            Set(Bakery, Builder), Request(Some(Set(Builder)), DataKind.Zus));

        Assert.Equal(Seq1(Builder), actual.PerProgram.Values.Bind(items => items.Map(i => i.Firm)).ToSeq());
    }

    [Fact]
    public void Notes_requested_firms_that_are_not_selected_or_not_found()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global, Set(Builder),
            Request(Some(Set(Bakery, Unknown)), DataKind.Zus));

        Assert.True(actual.PerProgram.IsEmpty);
        Assert.Equal(Seq(("firm.not-found", Unknown), ("firm.not-selected", Bakery)).OrderBy(x => x.Item2).ToSeq(),
            actual.Notes.Map(n => (n.Code, n.Firm.IfNone(Builder))).OrderBy(x => x.Item2).ToSeq());
    }

    [Fact]
    public void Notes_nie_aktualizuj_and_does_not_read_the_slot()
    {
        var own = Map((Builder, SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Off)));

        var actual = SyncPlanner.Plan(Firms, own, Global, Set(Builder), Request(default, DataKind.Zus));

        Assert.Equal(Seq1(new PlanItem(Builder, "3", Set(DataKind.Basic))), actual.PerProgram[ProgramId.Raks]);
        var note = actual.Notes.Single();
        Assert.Equal(("source.off", Severity.Info, Some(DataKind.Zus)), (note.Code, note.Severity, note.Kind));
    }

    [Fact]
    public void Notes_brak_danych_when_the_chosen_program_does_not_have_the_firm()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global, Set(Builder),
            Request(default, DataKind.Taxes));

        var note = actual.Notes.Single();
        Assert.Equal(("source.no-data", Some(ProgramId.Fakt), Some(Builder)), (note.Code, note.Program, note.Firm));
        Assert.False(actual.PerProgram.Exists((_, items) => items.Exists(i => i.Kinds.Contains(DataKind.Taxes))));
    }

    [Fact]
    public void Notes_a_zus_conflict_with_the_command_that_resolves_it_and_reads_basic_data_from_the_default_program()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), SourceSettings.None, Set(Bakery),
            Request(default, DataKind.Zus));

        Assert.Equal(Map((ProgramId.Fakt, Seq1(new PlanItem(Bakery, "PIEKARNIA", Set(DataKind.Basic))))), actual.PerProgram);
        Assert.Equal(Seq1("source.conflict"), actual.Notes.Map(n => n.Code));
        Assert.All(actual.Notes, n => Assert.Equal(Severity.Warning, n.Severity));
        Assert.Contains("konektosync firms source 8567346215 --zus fakt", actual.Notes.Head.Remedy);
    }

    [Fact]
    public void Gives_a_row_per_firm_found_with_its_decisions()
    {
        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global, Set(Builder), Request());

        Assert.Equal(Seq((Builder, true), (Bakery, false)), actual.Rows.Map(r => (r.Firm, r.Selected)));
        var bakery = actual.Rows[1];
        Assert.Equal(new SourceDecision.Conflict(Seq(ProgramId.Fakt, ProgramId.Raks)), bakery.Zus);
        Assert.Equal(new SourceDecision.Chosen(ProgramId.Fakt, "PIEKARNIA", "global"), bakery.TaxesAndStatements);
        Assert.Equal(new SourceDecision.Chosen(ProgramId.Raks, "17", "global"), bakery.Basic);
    }

    [Fact]
    public void Reads_nothing_when_the_range_ends_before_it_starts()
    {
        var request = Request(default, DataKind.Zus) with { From = DomainGen.Valid(Period.Create(2024, 5)) };

        var actual = SyncPlanner.Plan(Firms, Map<Nip, SourceSettings>(), Global, Set(Builder), request);

        Assert.True(actual.PerProgram.IsEmpty);
        Assert.Equal(Seq1(("plan.range", Severity.Error)), actual.Notes.Map(n => (n.Code, n.Severity)));
    }
}
