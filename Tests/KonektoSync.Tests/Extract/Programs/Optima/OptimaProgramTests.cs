using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using KonektoSync.Extract.Programs.Optima;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Optima;

/// <summary>What Optima's connector reads from its sample (PostgreSQL standing in for SQL Server), and the T-SQL it sends.</summary>
public sealed class OptimaProgramTests(OptimaFixture optima) : IClassFixture<OptimaFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private string Catalog => optima.Writer.Catalog;
    private SampleFirmInfo Firm(int key) => optima.Sample.Firms.Single(f => f.FirmKey == key.ToString());

    private async Task<List<SourceRecord>> Read(int firm, DataKind kind, string catalog = "", params (string, string)[] settings) =>
        await All(OptimaFixture.Connector().Read(OptimaFixture.Config(catalog.Length > 0 ? catalog : Catalog, more: settings),
            Plan([(Firm(firm).FirmKey, Firm(firm).Nip)], 1, 12, kind), None));

    private static GroupEnd End(List<SourceRecord> records) => Assert.Single(records.OfType<GroupEnd>());

    [Theory]
    [InlineData("NET:CDN_Biuro,SRV\\OPTIMA,NT=0", "SRV\\OPTIMA/CDN_Biuro")]
    [InlineData("NET:CDN_Biuro", "CDN_Biuro")]
    [InlineData("CDN_Biuro,,", "CDN_Biuro")]
    [InlineData("NET:,SRV", null)]
    [InlineData("", null)]
    public void The_company_database_and_its_server_are_parsed_from_Baz_Dostep(string access, string? database) =>
        Assert.Equal(database, OptimaProgram.FirmDatabase(access));

    [Fact]
    public async Task Discover_lists_the_active_companies_of_CDN_Bazy_and_leaves_the_inactive_one_out()
    {
        var firms = Right(await OptimaFixture.Connector().Discover(OptimaFixture.Config(Catalog), None));

        Assert.Equal(optima.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)), firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
        Assert.DoesNotContain(firms, f => f.Name == "Firma zamknięta");
    }

    [Fact]
    public async Task Basic_data_come_from_the_stamp_in_force_not_the_one_that_ended()
    {
        var records = await Read(1, DataKind.Basic);

        var basic = Assert.Single(records.OfType<RawBasicData>()).Data;
        Assert.Null(End(records).Failure);
        Assert.Equal((Shared.Name, "5260250995", "biuro1@example.pl"), (basic.Name, basic.Nip, basic.Email));
        Assert.EndsWith(" 3", basic.Street);
    }

    [Fact]
    public async Task Taxes_are_the_final_declarations_of_the_forms_the_profile_names_dated_at_the_end_of_their_month()
    {
        var records = await Read(1, DataKind.Taxes);

        var declarations = records.OfType<RawDeclaration>().ToList();
        Assert.Null(End(records).Failure);
        Assert.Equal(24, declarations.Count); // VAT-7 and PIT-4R each month; the draft VAT-7 and the DRA (no form code) are not taxes
        Assert.Equal(["PIT-4R", "VAT-7"], declarations.Select(d => d.FormName).Distinct().Order());
        Assert.Contains(declarations, d => d.DeclarationDate == new DateOnly(2024, 2, 29));
        Assert.All(declarations, d => Assert.NotNull(d.Amount));
    }

    [Fact]
    public async Task ZUS_is_the_payrolls_contributions_summed_per_month()
    {
        var records = await Read(1, DataKind.Zus);

        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Null(End(records).Failure);
        Assert.Equal(Enumerable.Range(1, 12), zus.Select(z => z.Month));
        Assert.All(zus, z => Assert.Equal(z.Emerytalne + z.Rentowe + z.Chorobowe + z.Wypadkowe + z.Zdrowotne + z.FpFs + z.Fgsp + z.Fep, z.TotalDue));
        Assert.All(zus, z => Assert.True(z.Emerytalne > 1200m, $"two payslips, each 600-1000: {z.Emerytalne}"));
    }

    [Fact]
    public async Task A_KPiR_gives_monthly_revenue_and_costs_without_crossed_out_entries_and_a_ryczalt_record_revenue_only()
    {
        var kpir = (await Read(1, DataKind.Statements)).OfType<RawTaxBook>().ToList();
        var ryczalt = (await Read(2, DataKind.Statements)).OfType<RawTaxBook>().ToList();

        Assert.Equal(12, kpir.Count);
        Assert.All(kpir, b => Assert.InRange(b.Revenue!.Value, 10000m, 30000m));
        Assert.All(kpir, b => Assert.InRange(b.Costs!.Value, 5500m, 12500m));
        Assert.Equal(12, ryczalt.Count);
        Assert.All(ryczalt, b => Assert.Null(b.Costs));
    }

    [Fact]
    public async Task Full_accounting_statements_come_from_the_trial_balance_or_from_the_CIT_declaration_as_set()
    {
        var trial = await Read(3, DataKind.Statements);
        var cit = await Read(3, DataKind.Statements, "", (OptimaProgram.StatementsSetting, "cit"));

        var lines = trial.OfType<RawTrialBalanceLine>().ToList();
        Assert.Equal(36, lines.Count);
        Assert.Equal(["100", "130", "700"], lines.Where(l => l.Month == 1).Select(l => l.Account));
        Assert.All(lines.Where(l => l.Account == "700"), l => Assert.Equal(lines.Single(x => x.Month == l.Month && x.Account == "130").TurnoverDt, l.TurnoverCt));
        Assert.Empty(cit.OfType<RawTrialBalanceLine>());
        Assert.Equal((2024, 12, 250000m, 150000m),
            cit.OfType<RawTaxBook>().Select(b => (b.Year, b.Month, b.Revenue!.Value, b.Costs!.Value)).Single());
    }

    [Fact]
    public async Task A_statements_setting_that_is_not_an_option_fails_the_group_naming_the_setting()
    {
        var records = await Read(3, DataKind.Statements, "", (OptimaProgram.StatementsSetting, "bilans"));

        var p = End(records).Failure!;
        Assert.Equal(("program.setting", "statements"), (p.Code, p.Args[1]));
        Assert.Contains("trialBalance | cit", p.Message);
        Assert.Contains(OptimaFixture.Connector().Settings, s => s.Key == "statements" && s.Default == "trialBalance");
    }

    [Fact]
    public async Task A_company_database_on_another_server_is_opened_there_and_one_that_does_not_answer_fails_alone()
    {
        var (writer, info) = await optima.Write("servers");
        await using (var c = await writer.Open(writer.Catalog, None))
        {
            await OptimaSampleWriter.Exec(c, "UPDATE \"CDN\".\"Bazy\" SET \"Baz_Dostep\" = @a WHERE \"Baz_BazID\" = 1", None,
                ("a", $"NET:{writer.FirmDatabase("1")},localhost,NT=0"));
            await OptimaSampleWriter.Exec(c, "UPDATE \"CDN\".\"Bazy\" SET \"Baz_Dostep\" = @a WHERE \"Baz_BazID\" = 2", None,
                ("a", $"NET:{writer.FirmDatabase("2")},127.0.0.2,NT=0"));
        }
        var plan = Plan(info.Firms.Take(3).Select(f => (f.FirmKey, f.Nip)), 1, 12, DataKind.Taxes);

        var records = await All(OptimaFixture.Connector().Read(OptimaFixture.Config(writer.Catalog), plan, None));

        var ends = records.OfType<GroupEnd>().ToDictionary(e => e.FirmKey, e => e.Failure);
        Assert.Null(ends["1"]);
        Assert.Equal("source.unreachable", ends["2"]!.Code);
        Assert.Contains("127.0.0.2", ends["2"]!.Message);
        Assert.Null(ends["3"]);
        Assert.Equal(24, records.OfType<RawDeclaration>().Count(d => d.FirmKey == "1"));
    }

    [Fact]
    public async Task A_configuration_database_that_does_not_exist_or_a_wrong_password_is_one_clear_problem()
    {
        var missing = Left(await OptimaFixture.Connector().Check(OptimaFixture.Config("optima_t_nope_knf"), None));
        var login = Left(await OptimaFixture.Connector().Check(OptimaFixture.Config(Catalog, password: "Zle-Haslo-31"), None));

        Assert.Equal("source.database-missing", missing.Code);
        Assert.Contains("127.0.0.1:5432/optima_t_nope_knf", missing.Message);
        Assert.Equal("source.login", login.Code);
        Assert.DoesNotContain("Zle-Haslo-31", login.ToString());
    }

    [Fact]
    public async Task Check_names_an_account_column_a_real_installation_lacks()
    {
        var (writer, _) = await optima.Write("no-number");
        foreach (var f in optima.Sample.Firms)
        {
            await using var c = await writer.Open(writer.FirmDatabase(f.FirmKey), None);
            await OptimaSampleWriter.Exec(c, "ALTER TABLE \"CDN\".\"Konta\" RENAME COLUMN \"Acc_Numer\" TO \"Acc_Konto\"", None);
        }

        var check = Left(await OptimaFixture.Connector().Check(OptimaFixture.Config(writer.Catalog), None));

        Assert.Equal("program.check", check.Code);
        Assert.Contains("column CDN.Konta.Acc_Numer missing", check.Message);
    }

    [Fact]
    public void The_SQL_Server_text_of_the_declarations_query_reads_CDN_DeklNag_by_its_yyyyMM_month()
    {
        var profile = ProgramProfile.Load(ProgramId.Optima, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var query = QueryText.Build(profile.Query("taxes").IfNone(() => throw new KeyNotFoundException()), profile, SqlDialect.SqlServer,
            null, "Optima", "srv\\OPTIMA/CDN_Firma").Match(q => q, p => throw new InvalidOperationException(p.Message));
        var run = new QueryRun("1", Nip("5260250995"), Month(2024, 3), Month(2024, 5));

        var (text, args) = query.Command(run).Match(c => c, p => throw new InvalidOperationException(p.Message));

        Assert.Equal("SELECT d.\"DkN_DkNID\", d.\"DkN_TypDeklar\", d.\"DkN_RokMiesiac\", d.\"DkN_Kwota\", d.\"DkN_Finalna\", d.\"DkN_TS_Mod\" " +
            "FROM \"CDN\".\"DeklNag\" d WHERE d.\"DkN_RokMiesiac\" BETWEEN @from AND @to ORDER BY d.\"DkN_DkNID\"", text);
        Assert.Equal([("@from", (object?)202403), ("@to", 202405)], args);
    }
}
