using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using KonektoSync.Extract.Programs.Enova365;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Enova365;

/// <summary>What enova365 reads, value by value, from its sample on the PostgreSQL stand-in, and its bad input.</summary>
public sealed class Enova365ProgramTests(Enova365PostgreSqlFixture enova) : IClassFixture<Enova365PostgreSqlFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private IProgramConnector Connector => enova.Connector(DetectPlaces.None);

    [Fact]
    public async Task Basic_data_comes_from_the_head_branch_of_the_company_database()
    {
        var firm = enova.Sample.Firms[1];

        var records = await All(Connector.Read(enova.Config(enova.Master), Plan([(firm.FirmKey, firm.Nip)], 1, 1, DataKind.Basic), None));

        var basic = Assert.Single(records.OfType<RawBasicData>()).Data;
        Assert.Equal((firm.Name, firm.Nip, $"biuro{firm.FirmKey}@example.pl"), (basic.Name, basic.Nip, basic.Email));
        Assert.NotNull(basic.Regon);
        Assert.Null(Assert.IsType<GroupEnd>(records[^1]).Failure);
    }

    [Fact]
    public async Task Declarations_are_read_by_type_code_for_the_months_of_the_plan_without_drafts_or_other_types()
    {
        var firm = enova.Sample.Firms[0]; // no VAT-7 for February

        var records = await All(Connector.Read(enova.Config(enova.Master), Plan([(firm.FirmKey, firm.Nip)], 1, 6, DataKind.Taxes), None));

        var declarations = records.OfType<RawDeclaration>().ToList();
        Assert.Equal([1, 3, 4, 5, 6], declarations.Where(d => d.FormName == "VAT-7").Select(d => d.DeclarationDate!.Value.Month));
        Assert.Equal(6, declarations.Count(d => d.FormName == "PIT-5L"));
        Assert.Equal(new DateOnly(2024, 1, 31), declarations[0].DeclarationDate);
        Assert.All(declarations, d => Assert.True(d.Amount > 0m));
        Assert.DoesNotContain(declarations, d => d.Amount == 1m); // the June draft in the buffer
        Assert.DoesNotContain(declarations, d => d.FormName.StartsWith("enova", StringComparison.Ordinal)); // PIT-11 rows
    }

    [Fact]
    public async Task ZUS_DRA_declarations_give_one_month_each_with_their_amount()
    {
        var firm = enova.Sample.Firms[2];

        var records = await All(Connector.Read(enova.Config(enova.Master), Plan([(firm.FirmKey, firm.Nip)], 2, 4, DataKind.Zus), None));

        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal([(2024, 2), (2024, 3), (2024, 4)], zus.Select(z => (z.Year, z.Month)));
        Assert.All(zus, z => Assert.InRange(z.TotalDue!.Value, 1500m, 2500m));
    }

    [Fact]
    public async Task Discover_lists_the_company_databases_of_DBItems_but_not_the_master_itself()
    {
        var firms = Right(await Connector.Discover(enova.Config(enova.Master), None));

        Assert.Equal(enova.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)), firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
    }

    [Fact]
    public async Task A_wrong_password_is_one_login_problem_naming_the_server_and_database_but_not_the_password()
    {
        var problem = Left(await Connector.Check(enova.Config(enova.Master, "Zle-Haslo-913"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.Contains(enova.Master, problem.Message);
        Assert.DoesNotContain("Zle-Haslo-913", problem.ToString());
    }

    [Fact]
    public async Task A_missing_master_database_is_one_problem_naming_it()
    {
        var problem = Left(await Connector.Check(enova.Config(enova.Master + "_gone"), None));

        Assert.Equal("source.database-missing", problem.Code);
        Assert.Contains(enova.Master + "_gone", problem.Message);
    }

    [Fact]
    public async Task A_deleted_company_database_fails_its_firm_with_one_problem_naming_it_and_check_warns()
    {
        var (master, info) = await enova.Write("deleted");
        var gone = info.Firms[1];
        await enova.Server.Drop(Enova365Fixture.FirmDatabase(master, gone.FirmKey), None);

        var records = await All(Connector.Read(enova.Config(master), Plan(info.Firms.Select(f => (f.FirmKey, f.Nip)), 1, 1, DataKind.Taxes), None));
        var check = Right(await Connector.Check(enova.Config(master), None));

        var failed = Assert.Single(records.OfType<GroupEnd>(), e => e.Failure is not null);
        Assert.Equal((gone.FirmKey, "source.database-missing"), (failed.FirmKey, failed.Failure!.Code));
        Assert.Contains(Enova365Fixture.FirmDatabase(master, gone.FirmKey), failed.Failure.Message);
        Assert.Contains(check.Warnings, w => w.Message.Contains(Enova365Fixture.FirmDatabase(master, gone.FirmKey)));
    }

    [Fact]
    public void An_engine_the_program_does_not_run_on_is_a_setting_problem_naming_the_setting()
    {
        var config = enova.Config(enova.Master);
        var problem = Left(Enova365Program.Definition.Engine.Target("enova365",
            config with { Values = new Dictionary<string, string>(config.Values) { ["engine"] = "oracle" } }));

        Assert.Equal("program.setting", problem.Code);
        Assert.Contains("engine", problem.Args);
        Assert.Contains("sqlserver | mysql", problem.Message);
    }

    [Fact]
    public void The_T_SQL_of_the_declarations_quotes_dbo_tables_and_sends_type_codes_as_numbers()
    {
        var profile = ProgramProfile.Load(ProgramId.Enova365, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var query = profile.Query("taxes").IfNone(() => throw new KeyNotFoundException("taxes"));
        var run = new QueryRun("1", Nip("5260250995"), Month(2024, 3), Month(2024, 5));

        var (text, args) = QueryText.Build(query, profile, SqlDialect.SqlServer, null, "enova365", "db")
            .Bind(q => q.Command(run)).Match(c => c, p => throw new InvalidOperationException(p.Message));

        Assert.Equal("SELECT d.\"ID\", d.\"Typ\", d.\"OkresFrom\", d.\"OkresTo\", d.\"Data\", d.\"Kwota\" FROM \"dbo\".\"Deklaracje\" d " +
            "WHERE d.\"Typ\" IN (@c0, @c1, @c2, @c3, @c4, @c5, @c6, @c7, @c8) AND d.\"Bufor\" = @c9 " +
            "AND d.\"OkresTo\" >= @from AND d.\"OkresTo\" < @to ORDER BY d.\"OkresTo\", d.\"ID\"", text);
        Assert.Equal([1000L, 1300L, 1700L, 1800L, 1900L, 7400L, 8100L, 8200L, 8600L, 0L], args.Take(10).Select(a => a.Value));
    }

    [Fact]
    public void On_MySQL_the_profile_names_its_tables_without_the_dbo_schema()
    {
        var profile = ProgramProfile.Load(ProgramId.Enova365, null).Match(p => p, p => throw new InvalidOperationException(p.Message));

        var mysql = profile.WithoutSchemas();

        Assert.Equal(("dbo.Deklaracje", "Deklaracje", "DBItems"), (profile.Table("declarations"), mysql.Table("declarations"), mysql.Table("databases")));
        Assert.Equal("Name", mysql.Column("databases", "name"));
    }

    [Fact]
    public void Detect_reads_server_instance_login_and_engine_from_the_list_of_databases()
    {
        var file = Path.Combine(enova.Folder, "lista-" + Guid.NewGuid().ToString("N")[..6] + ".xml");
        Directory.CreateDirectory(enova.Folder);
        File.WriteAllText(file, """
            <?xml version="1.0" encoding="utf-8"?>
            <DatabaseCollection>
              <MsSqlDatabase><Name>Biuro</Name><Server>KSIEGOWA\SQLEXPRESS</Server><DatabaseName>enova_biuro</DatabaseName>
                <WindowsAuthentication>true</WindowsAuthentication><User>sa</User><Password>=AbCdEf</Password></MsSqlDatabase>
              <MySqlDatabase Name="Stara" Server="10.0.0.5:3307" DatabaseName="enova_old" User="enova" />
              <OracleDatabase><DatabaseName>nie</DatabaseName></OracleDatabase>
            </DatabaseCollection>
            """);

        var found = Enova365Program.DatabasesIn(file).ToList();

        Assert.Equal(2, found.Count);
        Assert.Equal(new Dictionary<string, string>
        {
            ["engine"] = "sqlserver", ["database"] = "enova_biuro", ["host"] = "KSIEGOWA", ["instance"] = "SQLEXPRESS", ["auth"] = "windows",
        }, found[0]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["engine"] = "mysql", ["database"] = "enova_old", ["host"] = "10.0.0.5", ["port"] = "3307", ["auth"] = "sql", ["user"] = "enova",
        }, found[1]);
        Assert.DoesNotContain(found, f => f.Values.Any(v => v.Contains("AbCdEf")));
    }
}
