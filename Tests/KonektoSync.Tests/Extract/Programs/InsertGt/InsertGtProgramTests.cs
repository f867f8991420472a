using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using KonektoSync.Extract.Programs.InsertGt;
using KonektoSync.Extract.Samples;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.InsertGt;

/// <summary>What Insert GT reads from its sample on the PostgreSQL stand-in, and its bad input.</summary>
public sealed class InsertGtProgramTests(InsertGtFixture gt) : IClassFixture<InsertGtFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IProgramConnector _gt = InsertGtFixture.Connector(DetectPlaces.None);

    private static string Table(string name) => $"dbo.\"{name}\"";

    [Fact]
    public async Task Each_GT_database_is_one_firm_named_by_its_own_company_address_not_by_a_contractor()
    {
        var firms = Right(await _gt.Discover(gt.Config(gt.Pattern), None));

        Assert.Equal(gt.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)).OrderBy(f => f.FirmKey, StringComparer.Ordinal),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
        Assert.All(firms, f => Assert.Equal(("ul. Długa 7", "00-950", "Warszawa"), (f.Street, f.PostalCode, f.City)));
    }

    [Fact]
    public async Task Final_declarations_with_their_form_names_and_the_owners_monthly_contributions_are_read_for_the_months_of_the_plan()
    {
        var firm = gt.Sample.Firms[1];

        var records = await All(_gt.Read(gt.Config(gt.Pattern),
            Plan([(firm.FirmKey, firm.Nip)], 1, 2, DataKind.Basic, DataKind.Taxes, DataKind.Zus), None));

        var basic = Assert.Single(records.OfType<RawBasicData>()).Data;
        Assert.Equal((firm.Nip, firm.Name), (basic.Nip, basic.Name));
        Assert.Equal([("VAT-7", 1), ("PIT-5L", 1), ("VAT-7", 2), ("PIT-5L", 2)],
            records.OfType<RawDeclaration>().Select(d => (d.FormName, d.DeclarationDate!.Value.Month)));
        Assert.All(records.OfType<RawDeclaration>(), d => Assert.InRange(d.Amount!.Value, 100m, 20000m));
        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal([1, 2], zus.Select(z => z.Month));
        Assert.All(zus, z => Assert.Equal(firm.Nip, z.PayerNip));
        Assert.All(zus, z => Assert.Equal(z.Emerytalne + z.Rentowe + z.Chorobowe + z.Wypadkowe + z.Zdrowotne + z.FpFs, z.TotalDue));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task A_tax_book_firm_gets_its_month_totals_without_cancelled_entries_and_no_trial_balance()
    {
        var firm = gt.Sample.Firms[0]; // odd: the tax book

        var records = await All(_gt.Read(gt.Config(gt.Pattern), Plan([(firm.FirmKey, firm.Nip)], 1, 3, DataKind.Statements), None));

        var books = records.OfType<RawTaxBook>().ToList();
        Assert.Equal([1, 2, 3], books.Select(b => b.Month));
        Assert.All(books, b => Assert.InRange(b.Revenue!.Value, 5000m, 50000m)); // the cancelled 99 999 left out
        Assert.All(books, b => Assert.InRange(b.Costs!.Value, 1000m, 20000m));
        Assert.Empty(records.OfType<RawTrialBalanceLine>());
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }

    [Fact]
    public async Task A_full_books_firm_gets_each_accounts_month_turnover_named_by_the_chart_of_accounts()
    {
        var firm = gt.Sample.Firms[1]; // even: full books

        var records = await All(_gt.Read(gt.Config(gt.Pattern), Plan([(firm.FirmKey, firm.Nip)], 2, 2, DataKind.Statements), None));

        var lines = records.OfType<RawTrialBalanceLine>().ToList();
        Assert.Equal(["201-1", "202-1", "401", "700"], lines.Select(l => l.Account));
        Assert.All(lines, l => Assert.Equal((2, false), (l.Month, l.TurnoverDt is null)));
        Assert.Equal(lines.Single(l => l.Account == "201-1").TurnoverDt, lines.Single(l => l.Account == "700").TurnoverCt);
        Assert.Equal(["Rozrachunki z odbiorcami", null, "Zużycie materiałów", "Sprzedaż produktów"], lines.Select(l => l.Name));
        Assert.Empty(records.OfType<RawTaxBook>());
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }

    [Fact]
    public async Task A_database_without_pd__Podmiot_is_not_a_firm()
    {
        var (pattern, info) = await gt.Write();
        var other = info.Firms[0];
        await using (var c = await SampleServer.PostgreSql.Open(InsertGtFixture.Database(pattern, other.FirmKey), None))
            await SampleServer.Exec(c, $"DROP TABLE {Table("pd__Podmiot")}", None);

        var firms = Right(await _gt.Discover(gt.Config(pattern), None));

        Assert.Equal(info.Firms.Skip(1).Select(f => f.FirmKey).Order(StringComparer.Ordinal), firms.Select(f => f.FirmKey));
    }

    [Fact]
    public async Task Check_of_an_installation_without_the_owners_contributions_names_the_table_and_the_server()
    {
        var (pattern, info) = await gt.Write();
        foreach (var f in info.Firms)
        {
            await using var c = await SampleServer.PostgreSql.Open(InsertGtFixture.Database(pattern, f.FirmKey), None);
            await SampleServer.Exec(c, $"DROP TABLE {Table("pd_WspolnikSkladka")}", None);
        }

        var problem = Left(await _gt.Check(gt.Config(pattern), None));

        Assert.Equal("program.check", problem.Code);
        Assert.Contains("table dbo.pd_WspolnikSkladka missing", problem.Message);
        Assert.Contains(InsertGtFixture.Database(pattern, info.Firms[0].FirmKey), problem.ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_one_login_problem_without_the_password()
    {
        var problem = Left(await _gt.Discover(gt.Config(gt.Pattern, "Zle-Haslo-GT-7"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.DoesNotContain("Zle-Haslo-GT-7", problem.ToString());
    }

    [Fact]
    public async Task A_missing_listing_database_is_one_problem_naming_it()
    {
        var config = gt.Config(gt.Pattern);
        config = config with { Values = new Dictionary<string, string>(config.Values) { ["database"] = "gt_no_such_master" } };

        var problem = Left(await _gt.Discover(config, None));

        Assert.Equal("source.database-missing", problem.Code);
        Assert.Contains("gt_no_such_master", problem.Message);
    }

    [Fact]
    public async Task A_deleted_firm_database_fails_only_that_firm_as_missing_from_the_server()
    {
        var (pattern, info) = await gt.Write();
        var gone = info.Firms[0];
        await SampleServer.PostgreSql.Drop(InsertGtFixture.Database(pattern, gone.FirmKey), None);

        var records = await All(_gt.Read(gt.Config(pattern), Plan(info.Firms.Select(f => (f.FirmKey, f.Nip)), 1, 1, DataKind.Taxes), None));

        var failed = Assert.Single(records.OfType<GroupEnd>(), e => e.Failure is not null);
        Assert.Equal((gone.FirmKey, "program.firm-missing"), (failed.FirmKey, failed.Failure!.Code));
        Assert.Equal(info.Firms.Count - 1, records.OfType<RawDeclaration>().Select(d => d.FirmKey).Distinct().Count());
    }

    [Fact]
    public void The_SQL_Server_text_of_the_declarations_query_joins_the_form_and_leaves_drafts_out()
    {
        var profile = ProgramProfile.Load(ProgramId.InsertGt, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var query = QueryText.Build(profile.Query("taxes").IfNone(() => throw new KeyNotFoundException()), profile, SqlDialect.SqlServer,
            null, "Insert GT", "srv\\INSERTGT/FIRMA").Match(q => q, p => throw new InvalidOperationException(p.Message));
        var run = new QueryRun("FIRMA", Nip("5260250995"), Month(2024, 3), Month(2024, 5));

        var (text, args) = query.Command(run).Match(c => c, p => throw new InvalidOperationException(p.Message));

        Assert.Equal("SELECT d.\"de_Id\", w.\"dw_DeklNazwa\", d.\"de_OkresDo\", d.\"de_DoZaplaty\", d.\"de_DataAktualizacji\" " +
            "FROM \"dbo\".\"dekl__Ewid\" d JOIN \"dbo\".\"dekl_Wersja\" w ON w.\"dw_Id\" = d.\"de_idWzorca\" " +
            "WHERE d.\"de_WersjaRobocza\" = @c0 AND d.\"de_OkresDo\" >= @from AND d.\"de_OkresDo\" < @to ORDER BY d.\"de_OkresDo\", d.\"de_Id\"", text);
        Assert.Equal([("@c0", (object?)0L), ("@from", new DateTime(2024, 3, 1)), ("@to", new DateTime(2024, 6, 1))], args);
    }

    [Fact]
    public void The_samples_REGONs_pass_the_check_digit_so_the_demo_firms_are_not_left_out()
    {
        Assert.All(Enumerable.Range(1, 300), firm =>
            Assert.True(Regon.Create(InsertGtSampleWriter.Regon(firm)).IsSuccess, InsertGtSampleWriter.Regon(firm)));
    }
}
