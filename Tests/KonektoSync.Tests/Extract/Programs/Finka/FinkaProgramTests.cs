using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Finka;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Finka;

/// <summary>Finka's own layouts and its bad input: firms named by their files' FIRMA row, years, the inferred engine.</summary>
[Collection("Firebird")]
public sealed class FinkaProgramTests(FirebirdFixture fb)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static IProgramConnector C(ProgramId p) => FinkaSample.Connector(p, DetectPlaces.None);

    private static ReadPlan TwoYears(SampleFirmInfo firm, params DataKind[] kinds) =>
        new(LanguageExt.Prelude.Seq1(new ReadItem(firm.FirmKey, Nip(firm.Nip), LanguageExt.Prelude.toSet(kinds))),
            Month(Year, 11), Month(Year + 1, 2));

    private async Task<(string Folder, SampleInfo Info)> TwoYearSample(ProgramId program)
    {
        var folder = NewFolder(Path.Combine(fb.Root, program.Code() + "-two-years-" + Guid.NewGuid().ToString("N")[..6]));
        var info = await new FinkaSampleWriter(program).Write(folder, Spec with { Firms = 1, Years = 2 }, None);
        Share(folder);
        return (folder, info);
    }

    [Theory]
    [InlineData(ProgramId.FinkaKpr), InlineData(ProgramId.FinkaFk), InlineData(ProgramId.FinkaPlace)]
    public async Task Discover_names_each_firm_by_the_FIRMA_row_of_its_file(ProgramId program)
    {
        var (folder, info) = await FinkaSample.Of(fb, program);

        var firms = Right(await C(program).Discover(Config(program, folder, "embedded"), None));

        Assert.Equal(info.Firms.Select(f => f.FirmKey), firms.Select(f => f.FirmKey));
        var first = firms.Single(f => f.FirmKey == "FIRMA1");
        Assert.Equal(Shared.Nip, first.Nip);
        Assert.Equal("Zakład Usługowy Łukasz Żółć", first.Name);
        Assert.NotNull(first.City);
    }

    [Fact]
    public async Task A_KPR_read_across_two_years_takes_each_month_from_its_year_s_file()
    {
        var (folder, info) = await TwoYearSample(ProgramId.FinkaKpr);
        Assert.Contains(Path.Combine(folder, $"FIRMA1_{Year + 1}.FDB"), info.Files);

        var records = await All(C(ProgramId.FinkaKpr).Read(Config(ProgramId.FinkaKpr, folder, "embedded"),
            TwoYears(info.Firms[0], DataKind.Taxes, DataKind.Zus, DataKind.Statements), None));

        var pit = records.OfType<RawDeclaration>().Where(d => d.FormName == "PIT-5").Select(d => d.DeclarationDate).ToList();
        Assert.Equal([new DateOnly(Year, 11, 30), new DateOnly(Year, 12, 31), new DateOnly(Year + 1, 1, 31), new DateOnly(Year + 1, 2, 28)], pit);
        Assert.Equal(4, records.OfType<RawZusDeclaration>().Count());
        var statements = records.OfType<GroupEnd>().Single(e => e.Kind == DataKind.Statements);
        Assert.Equal("program.kind-unsupported", statements.Failure!.Code);
    }

    [Fact]
    public async Task A_Place_read_across_two_years_takes_both_from_the_firm_s_one_file()
    {
        var (folder, info) = await TwoYearSample(ProgramId.FinkaPlace);
        Assert.Equal(3, info.Files.Count); // the shared firm, one generated and one with an invalid NIP: one file each

        var records = await All(C(ProgramId.FinkaPlace).Read(Config(ProgramId.FinkaPlace, folder, "embedded"),
            TwoYears(info.Firms[0], DataKind.Taxes), None));

        Assert.Equal(4, records.OfType<RawDeclaration>().Count(d => d.FormName == "PIT-4R"));
        Assert.Null(records.OfType<GroupEnd>().Single().Failure);
    }

    [Fact]
    public async Task FK_reads_the_trial_balance_of_its_model_table()
    {
        var (folder, info) = await FinkaSample.Of(fb, ProgramId.FinkaFk);

        var records = await All(C(ProgramId.FinkaFk).Read(Config(ProgramId.FinkaFk, folder, "embedded"),
            Plan([(info.Firms[0].FirmKey, info.Firms[0].Nip)], 1, 2, DataKind.Statements, DataKind.Taxes), None));

        Assert.Equal(6, records.OfType<RawTrialBalanceLine>().Count());
        Assert.Contains(records.OfType<RawDeclaration>(), d => d.FormName == "CIT-8");
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Check_confirms_the_inferred_Firebird_engine_from_each_file_s_header(string mode)
    {
        var (folder, info) = await FinkaSample.Of(fb, ProgramId.FinkaKpr);

        var report = Right(await C(ProgramId.FinkaKpr).Check(Config(ProgramId.FinkaKpr, folder, mode), None));

        Assert.True(info.Files.Count == report.Details.Count(d => d.Contains("ODS 12.0: a Firebird 3 database by its header page")), string.Join("\n", report.Details));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public async Task Check_refutes_Firebird_for_a_file_that_is_not_a_Firebird_database_and_names_it()
    {
        var (folder, _) = await FinkaSample.Of(fb, ProgramId.FinkaKpr);
        var copy = fb.Copy(folder, "finka-not-firebird");
        File.WriteAllText(Path.Combine(copy, $"OBCA_{Year}.FDB"), "dBase? Paradox? not a Firebird header page");

        var report = Right(await C(ProgramId.FinkaKpr).Check(Config(ProgramId.FinkaKpr, copy, "embedded"), None));

        var warning = Assert.Single(report.Warnings);
        Assert.Equal("firebird.not-a-database", warning.Code);
        Assert.Contains($"OBCA_{Year}.FDB", warning.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_a_login_problem_naming_the_file_and_the_user()
    {
        var (folder, _) = await FinkaSample.Of(fb, ProgramId.FinkaFk);

        var problem = Left(await C(ProgramId.FinkaFk).Discover(Config(ProgramId.FinkaFk, folder, "server", "Zle-Haslo-5521"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.Contains(".FDB", problem.Message);
        Assert.Contains("SYSDBA", problem.Message);
        Assert.DoesNotContain("Zle-Haslo-5521", problem.ToString());
    }

    [Fact]
    public async Task A_data_folder_that_does_not_exist_is_one_problem_naming_it()
    {
        var absent = Path.Combine(fb.Root, "finka-absent");

        var problem = Left(await C(ProgramId.FinkaPlace).Discover(Config(ProgramId.FinkaPlace, absent, "embedded"), None));

        Assert.Equal("program.folder-missing", problem.Code);
        Assert.Contains(absent, problem.Message);
    }

    [Fact]
    public async Task KPR_check_names_the_partners_shares_table_when_a_file_lacks_it()
    {
        var (folder, _) = await FinkaSample.Of(fb, ProgramId.FinkaKpr);
        var copy = fb.Copy(folder, "finka-no-partners");
        await Execute(Path.Combine(copy, $"FIRMA2_{Year}.FDB"), "DROP TABLE WSPOLNICY");

        var report = Right(await C(ProgramId.FinkaKpr).Check(Config(ProgramId.FinkaKpr, copy, "embedded"), None));

        Assert.Contains(report.Details, d => d.Contains($"FIRMA2_{Year}.FDB: table WSPOLNICY absent (optional, model)"));
    }
}
