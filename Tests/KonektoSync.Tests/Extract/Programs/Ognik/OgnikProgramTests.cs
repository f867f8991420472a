using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Ognik;

/// <summary>Ognik's own mapping and its bad input: the licensee's firm in SYSTEM.IDB, other firms by symbol, ODS, login, missing items.</summary>
[Collection("Firebird")]
public sealed class OgnikProgramTests(FirebirdFixture fb)
{
    private readonly IProgramConnector _ognik = OgnikProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<string> Folder() => (await OgnikSample.Of(fb)).Folder;
    private async Task<SampleInfo> Info() => (await OgnikSample.Of(fb)).Info;

    private static (string, string) Key(SampleFirmInfo f) => (f.FirmKey, f.Nip);

    internal static void SetOds(string file, int major, int minor)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[18] = (byte)major; bytes[19] = 0x80;
        var at = major >= 12 ? 64 : 62;
        bytes[at] = (byte)minor; bytes[at + 1] = 0;
        File.WriteAllBytes(file, bytes);
    }

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Discover_lists_the_licensee_s_own_firm_and_the_other_firms_by_symbol(string mode)
    {
        var firms = Right(await _ognik.Discover(Config(ProgramId.Ognik, await Folder(), mode), None));

        Assert.Equal(6, firms.Count); // 1 explicit + 4 generated + 1 with an invalid NIP
        var own = firms.Single(f => f.FirmKey == OgnikSampleWriter.SystemSymbol);
        Assert.Equal(Shared.Nip, own.Nip);
        Assert.Equal("Zakład Usługowy Łukasz Żółć", own.Name);
        Assert.Contains(firms, f => f.FirmKey == "FIRMA2");
    }

    [Fact]
    public async Task The_licensee_s_firm_is_read_from_SYSTEM_IDB_and_another_firm_from_its_own_file()
    {
        var info = await Info();
        var plan = Plan([Key(info.Firms[0]), Key(info.Firms[3])], 1, 3, DataKind.Basic, DataKind.Taxes, DataKind.Zus, DataKind.Statements);

        var records = await All(_ognik.Read(Config(ProgramId.Ognik, await Folder(), "embedded"), plan, None));

        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.Equal(8, records.OfType<GroupEnd>().Count());
        foreach (var key in new[] { "SYSTEM", "FIRMA4" })
        {
            var d = records.OfType<RawDeclaration>().Where(x => x.FirmKey == key).ToList();
            Assert.Equal(3, d.Count(x => x.FormName == "VAT-7"));
            Assert.Contains(d, x => x.FormName == "PIT-4R" && x.DeclarationDate == new DateOnly(2024, 2, 29));
            Assert.Equal([1, 2, 3], records.OfType<RawZusDeclaration>().Where(z => z.FirmKey == key).Select(z => z.Month));
            Assert.Equal(12, records.OfType<RawTrialBalanceLine>().Count(l => l.FirmKey == key));
        }
        Assert.Equal("Zakład Usługowy Łukasz Żółć", records.OfType<RawBasicData>().Single(b => b.FirmKey == "SYSTEM").Data.Name);
    }

    [Fact]
    public async Task The_missing_declaration_and_missing_vat_month_cases_are_absent_from_the_read()
    {
        var info = await Info();
        var pit = info.Cases.Single(c => c.Case == SampleCases.MissingDeclaration);
        var vat = info.Cases.Single(c => c.Case == SampleCases.MissingVatMonth);
        var firms = info.Firms.Where(f => f.FirmKey == pit.FirmKey || f.FirmKey == vat.FirmKey).Select(Key);

        var d = (await All(_ognik.Read(Config(ProgramId.Ognik, await Folder(), "embedded"), Plan(firms, 1, 12, DataKind.Taxes), None)))
            .OfType<RawDeclaration>().ToList();

        Assert.Equal(11, d.Count(x => x.FirmKey == pit.FirmKey && x.FormName == "PIT-4R"));
        Assert.DoesNotContain(d, x => x.FirmKey == pit.FirmKey && x.FormName == "PIT-4R" && x.DeclarationDate!.Value.Month == 3);
        Assert.Equal(11, d.Count(x => x.FirmKey == vat.FirmKey && x.FormName == "VAT-7"));
    }

    [Fact]
    public async Task A_wrong_password_is_a_login_problem_naming_SYSTEM_IDB_and_the_user_but_not_the_password()
    {
        var folder = await Folder();

        var problem = Left(await _ognik.Discover(Config(ProgramId.Ognik, folder, "server", "Zle-Haslo-4410"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.Contains(Path.Combine(folder, "SYSTEM.IDB"), problem.Message);
        Assert.Contains("SYSDBA", problem.Message);
        Assert.DoesNotContain("Zle-Haslo-4410", problem.ToString());
    }

    [Theory]
    [InlineData(11, 2, "Firebird 2.5 (ODS 11.2)")]
    [InlineData(13, 0, "Firebird 4 (ODS 13.0)")]
    public async Task A_SYSTEM_IDB_of_another_firebird_version_is_named_as_needing_that_version(int major, int minor, string needs)
    {
        var copy = fb.Copy(await Folder(), "ognik-ods");
        SetOds(Path.Combine(copy, "SYSTEM.IDB"), major, minor);

        foreach (var mode in new[] { "embedded", "server" })
        {
            var problem = Left(await _ognik.Check(Config(ProgramId.Ognik, copy, mode), None));
            Assert.Equal("source.version", problem.Code);
            Assert.Contains($"this file needs {needs}; this installation has Firebird 3", problem.Message);
        }
    }

    [Fact]
    public async Task A_firm_file_of_firebird_2_5_fails_that_firm_s_groups_only()
    {
        var info = await Info();
        var copy = fb.Copy(await Folder(), "ognik-ods-firm");
        SetOds(Path.Combine(copy, "FIRMA2.IDB"), 11, 2);
        var plan = Plan([Key(info.Firms[1]), Key(info.Firms[2])], 1, 12, DataKind.Taxes);

        var ends = (await All(_ognik.Read(Config(ProgramId.Ognik, copy, "embedded"), plan, None))).OfType<GroupEnd>().ToList();

        var failed = Assert.Single(ends, e => e.Failure is not null);
        Assert.Equal("FIRMA2", failed.FirmKey);
        Assert.Equal("source.version", failed.Failure!.Code);
        Assert.Contains("Firebird 2.5", failed.Failure.Message);
        Assert.Contains("FIRMA2.IDB", failed.Failure.Message);
    }

    [Fact]
    public async Task A_missing_firm_file_is_one_problem_naming_the_file_and_a_check_warning()
    {
        var info = await Info();
        var copy = fb.Copy(await Folder(), "ognik-no-file");
        File.Delete(Path.Combine(copy, "FIRMA3.IDB"));

        var ends = (await All(_ognik.Read(Config(ProgramId.Ognik, copy, "embedded"), Plan([Key(info.Firms[2])], 1, 12, DataKind.Taxes), None)))
            .OfType<GroupEnd>().ToList();
        var check = Right(await _ognik.Check(Config(ProgramId.Ognik, copy, "embedded"), None));

        var problem = Assert.Single(ends).Failure!;
        Assert.Contains("FIRMA3.IDB", problem.Message);
        Assert.Contains("FIRMA3.IDB", Assert.Single(check.Warnings).Message);
        Assert.Contains("5 firm databases open", check.Summary);
    }

    [Fact]
    public async Task A_missing_column_of_one_firm_file_is_named_by_check_and_fails_that_firm_s_taxes()
    {
        var info = await Info();
        var copy = fb.Copy(await Folder(), "ognik-no-column");
        await Execute(Path.Combine(copy, "FIRMA2.IDB"), "ALTER TABLE DEKLARACJE DROP KWOTA");

        var check = Left(await _ognik.Check(Config(ProgramId.Ognik, copy, "embedded"), None));
        var ends = (await All(_ognik.Read(Config(ProgramId.Ognik, copy, "embedded"), Plan([Key(info.Firms[1])], 1, 12, DataKind.Taxes), None)))
            .OfType<GroupEnd>().ToList();

        Assert.Equal("program.check", check.Code);
        Assert.Contains("column DEKLARACJE.KWOTA missing", check.Message);
        Assert.Equal("source.column-missing", Assert.Single(ends).Failure!.Code);
    }

    [Fact]
    public async Task A_firm_file_without_the_model_ZUS_table_reads_zus_as_not_held()
    {
        var info = await Info();
        var copy = fb.Copy(await Folder(), "ognik-no-zus");
        await Execute(Path.Combine(copy, "FIRMA2.IDB"), "DROP TABLE ZUS_DRA");

        var report = Right(await _ognik.Check(Config(ProgramId.Ognik, copy, "embedded"), None));
        var ends = (await All(_ognik.Read(Config(ProgramId.Ognik, copy, "embedded"), Plan([Key(info.Firms[1])], 1, 12, DataKind.Zus), None)))
            .OfType<GroupEnd>().ToList();

        Assert.Contains(report.Details, d => d.Contains("ZUS_DRA") && d.Contains("absent (optional, model)"));
        Assert.Equal("program.kind-unsupported", Assert.Single(ends).Failure!.Code);
    }
}
