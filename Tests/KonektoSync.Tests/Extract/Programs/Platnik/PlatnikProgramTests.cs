using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>What Płatnik's connector reads from its Access stand-in, and its bad input.</summary>
public sealed class PlatnikProgramTests(PlatnikFixture platnik) : IClassFixture<PlatnikFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static IProgramConnector Connector() => PlatnikProgram.Connector(DetectPlaces.None);

    private async Task<List<RawZusDeclaration>> Zus(string payerKey, int fromMonth = 1, int toMonth = 12, string? folder = null)
    {
        var firm = platnik.Sample.Firms.Single(f => f.FirmKey == payerKey);
        var plan = Plan([(firm.FirmKey, firm.Nip)], fromMonth, toMonth, DataKind.Zus);
        var records = await All(Connector().Read(PlatnikFixture.Config(folder ?? platnik.Folder), plan, None));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        return records.OfType<RawZusDeclaration>().ToList();
    }

    [Fact]
    public async Task Discovery_lists_each_payer_with_its_NIP_and_the_PESEL_of_its_person()
    {
        var firms = Right(await Connector().Discover(PlatnikFixture.Config(platnik.Folder), None));

        Assert.Equal(platnik.Sample.Firms.Select(f => f.FirmKey), firms.Map(f => f.FirmKey));
        var first = firms[0];
        Assert.Equal(Shared.Nip, first.Nip);
        Assert.Equal(Shared.Name, first.Name);
        var person = Assert.Single(first.People);
        Assert.True(Pesel.Create(person.Pesel).IsSuccess);
        Assert.Equal("payer", person.Role);
    }

    [Fact]
    public async Task Without_NIP_and_PESEL_columns_in_PLATNIK_each_payer_s_come_from_its_latest_DRA()
    {
        var copy = platnik.Copy("no-payer-ids");
        PlatnikFixture.Execute(Path.Combine(copy, PlatnikSampleWriter.File), "ALTER TABLE PLATNIK DROP COLUMN NIP");
        PlatnikFixture.Execute(Path.Combine(copy, PlatnikSampleWriter.File), "ALTER TABLE PLATNIK DROP COLUMN PESEL");

        var withColumns = Right(await Connector().Discover(PlatnikFixture.Config(platnik.Folder), None));
        var fallback = Right(await Connector().Discover(PlatnikFixture.Config(copy), None));

        Assert.Equal(withColumns.Map(f => (f.FirmKey, f.Nip)), fallback.Map(f => (f.FirmKey, f.Nip)));
        Assert.Equal(Shared.Nip, fallback[0].Nip);
        Assert.True(Pesel.Create(Assert.Single(fallback[0].People).Pesel).IsSuccess);
    }

    [Fact]
    public async Task The_latest_version_of_a_month_s_DRA_is_read_and_the_earlier_one_is_not()
    {
        var march = (await Zus("1")).Where(z => z.Month == 3).ToList();

        var only = Assert.Single(march);
        var narrow = await Zus("1", 3, 3);
        // the sample's correction (version 02, one document after the first) adds 1.00 to the total and to the accident contribution
        var february = (await Zus("1")).Single(z => z.Month == 2);
        Assert.Equal(int.Parse(february.DocumentId) + 2, int.Parse(only.DocumentId));
        Assert.Equal(only, Assert.Single(narrow, z => z.Month == 3));
        Assert.Equal([2, 3], narrow.Select(z => z.Month));
    }

    [Fact]
    public async Task A_month_is_split_into_contributions_by_its_RCA_insured_persons()
    {
        var zus = (await Zus("1")).Single(z => z.Month == 1);

        Assert.NotNull(zus.Emerytalne);
        Assert.NotNull(zus.Wypadkowe);
        Assert.Equal(zus.TotalDue, zus.Emerytalne + zus.Rentowe + zus.Chorobowe + zus.Wypadkowe + zus.Zdrowotne + zus.FpFs);
        Assert.Equal(nameof(PayerType.SelfOnly), zus.PayerType);
        Assert.Equal(Shared.Nip, zus.PayerNip);
    }

    [Fact]
    public async Task A_payer_filing_some_months_gives_those_months_and_the_last_earlier_one_for_copies()
    {
        var zus = await Zus("2");

        Assert.Equal([(Year - 1, 12), (Year, 3), (Year, 4), (Year, 8)], zus.Select(z => (z.Year, z.Month)));
    }

    [Fact]
    public async Task A_period_that_is_not_MMRRRR_gives_a_declaration_naming_it_and_the_others_are_read()
    {
        var bad = platnik.Sample.Cases.Single(c => c.Case == SampleCases.InvalidNip).FirmKey;

        var zus = await Zus(bad);

        var named = Assert.Single(zus, z => z.Year == 0);
        Assert.Contains($"period '{Year}-06' is not MMRRRR", named.DocumentId);
        Assert.Contains(zus, z => z.Month == 5);
    }

    [Theory]
    [InlineData("122024", 2024, 12)]
    [InlineData(" 012025 ", 2025, 1)]
    public void A_period_MMRRRR_is_month_then_year(string text, int year, int month) =>
        Assert.Equal((year, month), PlatnikProgram.Month(text));

    [Theory]
    [InlineData("2024-06")]
    [InlineData("202406")]
    [InlineData("132024")]
    [InlineData("12024")]
    [InlineData(null)]
    public void Anything_else_is_not_a_period(string? text) => Assert.Null(PlatnikProgram.Month(text));

    [Fact]
    public async Task A_database_held_exclusively_by_Platnik_gives_one_locked_problem_naming_the_file()
    {
        var copy = platnik.Copy("locked");
        var file = Path.Combine(copy, PlatnikSampleWriter.File);
        using var held = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var problem = Left(await Connector().Discover(PlatnikFixture.Config(copy), None));

        Assert.Equal("source.locked", problem.Code);
        Assert.Contains(file, problem.Args);
    }

    [Fact]
    public async Task A_database_of_another_Platnik_version_names_the_columns_it_lacks()
    {
        var copy = platnik.Copy("other-version");
        PlatnikFixture.Execute(Path.Combine(copy, PlatnikSampleWriter.File), "ALTER TABLE ZUSDRA DROP COLUMN I_2_2OKRESDEKLAR");

        var check = Left(await Connector().Check(PlatnikFixture.Config(copy), None));
        var firm = platnik.Sample.Firms[0];
        var records = await All(Connector().Read(PlatnikFixture.Config(copy),
            Plan([(firm.FirmKey, firm.Nip)], 1, 12, DataKind.Zus, DataKind.Basic), None));

        Assert.Contains("column ZUSDRA.I_2_2OKRESDEKLAR missing", check.Message);
        var zus = Assert.Single(records.OfType<GroupEnd>(), e => e.Kind == DataKind.Zus);
        Assert.Equal("source.column-missing", zus.Failure!.Code);
        Assert.Null(Assert.Single(records.OfType<GroupEnd>(), e => e.Kind == DataKind.Basic).Failure);
    }

    [Fact]
    public async Task No_password_appears_in_what_the_connector_says()
    {
        const string password = "Haslo-Platnika-913";
        var config = PlatnikFixture.Config(Path.Combine(platnik.Root, "absent"), password);

        var problem = Left(await Connector().Discover(config, None));
        var report = Right(await Connector().Check(PlatnikFixture.Config(platnik.Folder, password), None));

        Assert.DoesNotContain(password, problem.ToString());
        Assert.All(problem.Args, a => Assert.DoesNotContain(password, a));
        Assert.DoesNotContain(password, report.Summary + string.Join("\n", report.Details));
    }

    [Fact]
    public void The_storage_setting_chooses_Access_or_SQL_Server_and_refuses_anything_else()
    {
        var settings = Connector().Settings.Select(s => s.Key).ToList();
        var wrong = new ProgramConfig(ProgramId.Platnik, new Dictionary<string, string> { ["storage"] = "oracle", ["path"] = "x" }, null);
        var server = new ProgramConfig(ProgramId.Platnik, new Dictionary<string, string> { ["storage"] = "sqlserver" }, null);

        Assert.Contains("storage", settings);
        Assert.Contains("path", settings);
        Assert.Contains("database", settings);
        Assert.Contains("instance", settings);
        Assert.Equal("program.setting", Left(PlatnikProgram.Definition.Engine.Target("Płatnik", wrong)).Code);
        Assert.Equal("database", PlatnikProgram.Definition.Engine.LocationFor(server));
        Assert.Equal("path", PlatnikProgram.Definition.Engine.LocationFor(wrong));
    }
}
