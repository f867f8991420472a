using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using KonektoSync.Extract.Programs.WaproFakir;
using KonektoSync.Extract.Programs.WaproKaper;
using KonektoSync.Extract.Samples;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Wapro;

/// <summary>What WAPRO Fakir reads from its sample on the PostgreSQL stand-in, and the problems of a wrong installation.</summary>
public sealed class WaproFakirProgramTests(WaproFakirFixture wapro) : IClassFixture<WaproFakirFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IProgramConnector _fakir = wapro.Connector(DetectPlaces.None);

    [Fact]
    public async Task Every_firm_of_the_one_database_is_listed_by_its_ID_FIRMY()
    {
        var firms = Right(await _fakir.Discover(wapro.Config(wapro.Database), None));

        Assert.Equal(wapro.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
    }

    [Fact]
    public async Task A_firm_gets_only_its_own_rows_of_the_shared_tables_for_the_months_of_the_plan()
    {
        var firm = wapro.Sample.Firms[1];

        var records = await All(_fakir.Read(wapro.Config(wapro.Database),
            Plan([(firm.FirmKey, firm.Nip)], 3, 4, DataKind.Basic, DataKind.Taxes, DataKind.Zus, DataKind.Statements), None));

        Assert.Equal(firm.Nip, Assert.Single(records.OfType<RawBasicData>()).Data.Nip);
        Assert.Equal([("VAT-7", 3), ("PIT-5L", 3), ("VAT-7", 4), ("PIT-5L", 4)],
            records.OfType<RawDeclaration>().Select(d => (d.FormName, d.DeclarationDate!.Value.Month)));
        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal([3, 4], zus.Select(z => z.Month));
        Assert.All(zus, z => Assert.Equal(firm.Nip, z.PayerNip));
        var lines = records.OfType<RawTrialBalanceLine>().ToList();
        Assert.Equal([(3, "100"), (3, "130"), (3, "700"), (4, "100"), (4, "130"), (4, "700")], lines.Select(l => (l.Month, l.Account)));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.All(records, r => Assert.Equal(firm.FirmKey, r.FirmKey));
    }

    [Fact]
    public async Task A_wrong_password_is_one_login_problem_without_the_password()
    {
        var problem = Left(await _fakir.Discover(wapro.Config(wapro.Database, "Zle-Haslo-55"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.DoesNotContain("Zle-Haslo-55", problem.ToString());
    }

    [Fact]
    public async Task A_missing_database_is_one_problem_naming_it()
    {
        var problem = Left(await _fakir.Discover(wapro.Config("wapro_no_such_database"), None));

        Assert.Equal("source.database-missing", problem.Code);
        Assert.Contains("wapro_no_such_database", problem.Message);
    }

    [Fact]
    public async Task Check_of_an_installation_without_the_model_ledger_tables_names_each_one_and_its_database()
    {
        var (database, _) = await wapro.Write();
        await using (var c = await SampleServer.PostgreSql.Open(database, None))
            await SampleServer.Exec(c, "DROP TABLE \"dbo\".\"OBROTY\"; ALTER TABLE \"dbo\".\"KONTO\" DROP COLUMN \"NUMER\"", None);

        var problem = Left(await _fakir.Check(wapro.Config(database), None));

        Assert.Equal("program.check", problem.Code);
        Assert.Contains("table dbo.OBROTY missing", problem.Message);
        Assert.Contains("column dbo.KONTO.NUMER missing", problem.Message);
    }

    [Fact]
    public async Task Without_a_configured_database_the_START_edition_s_WAPRO_database_is_opened()
    {
        var config = wapro.Config(wapro.Database);
        config = config with { Values = config.Values.Where(v => v.Key != "database").ToDictionary(v => v.Key, v => v.Value) };

        var problem = Left(await _fakir.Discover(config, None));

        Assert.Equal("source.database-missing", problem.Code); // the test server has no database WAPRO
        Assert.Contains("WAPRO", problem.Message);
    }

    [Fact]
    public void The_T_SQL_of_the_trial_balance_filters_the_firm_s_accounts_and_the_months()
    {
        var profile = ProgramProfile.Load(ProgramId.WaproFakir, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var query = profile.Query("statements").IfNone(() => throw new KeyNotFoundException("statements"));
        var run = new QueryRun("2", Nip("5260250995"), Month(2024, 3), Month(2024, 5));

        var (text, args) = QueryText.Build(query, profile, SqlDialect.SqlServer, null, "WAPRO Fakir", "WAPRO")
            .Bind(q => q.Command(run)).Match(c => c, p => throw new InvalidOperationException(p.Message));

        Assert.Equal("SELECT o.\"ROK\", o.\"MIESIAC\", k.\"NUMER\", k.\"NAZWA\", o.\"BO_WN\", o.\"BO_MA\", o.\"OBROTY_WN\", o.\"OBROTY_MA\" " +
            "FROM \"dbo\".\"OBROTY\" o JOIN \"dbo\".\"KONTO\" k ON k.\"ID_KONTA\" = o.\"ID_KONTA\" WHERE k.\"ID_FIRMY\" = @firm " +
            "AND o.\"ROK\" BETWEEN @fromYear AND @toYear AND o.\"ROK\" * 12 + o.\"MIESIAC\" BETWEEN @from AND @to " +
            "ORDER BY o.\"ROK\", o.\"MIESIAC\", k.\"NUMER\"", text);
        Assert.Equal([("@firm", (object?)2), ("@fromYear", 2024), ("@toYear", 2024), ("@from", 2024 * 12 + 3), ("@to", 2024 * 12 + 5)],
            args.Select(a => (a.Name, a.Value)));
    }
}

/// <summary>What WAPRO Kaper reads: the same tables as Fakir, but no ledger.</summary>
public sealed class WaproKaperProgramTests(WaproKaperFixture wapro) : IClassFixture<WaproKaperFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Statements_are_unsupported_with_the_reason_while_taxes_and_contributions_are_read()
    {
        var firm = wapro.Sample.Firms[0];

        var records = await All(wapro.Connector(DetectPlaces.None).Read(wapro.Config(wapro.Database),
            Plan([(firm.FirmKey, firm.Nip)], 1, 2, DataKind.Taxes, DataKind.Zus, DataKind.Statements), None));

        var ends = records.OfType<GroupEnd>().ToDictionary(e => e.Kind);
        Assert.Equal("program.kind-unsupported", ends[DataKind.Statements].Failure!.Code);
        Assert.Contains("revenue and expense ledger", ends[DataKind.Statements].Failure!.Message);
        Assert.Null(ends[DataKind.Taxes].Failure);
        Assert.Null(ends[DataKind.Zus].Failure);
        Assert.Equal(4, records.OfType<RawDeclaration>().Count());
        Assert.Equal(2, records.OfType<RawZusDeclaration>().Count());
    }

    [Fact]
    public void Kaper_and_Fakir_share_one_definition_differing_in_program_and_statements_only()
    {
        var fakir = WaproFakirProgram.Definition;
        var kaper = WaproKaperProgram.Definition;

        Assert.Equal(ProgramId.WaproKaper, kaper.Program);
        Assert.Equal(fakir.Layout, kaper.Layout);
        Assert.Equal(fakir.DetectValues, kaper.DetectValues);
        Assert.IsType<KindReader.Query>(fakir.Kinds[DataKind.Statements]);
        Assert.IsType<KindReader.Unsupported>(kaper.Kinds[DataKind.Statements]);
    }
}
