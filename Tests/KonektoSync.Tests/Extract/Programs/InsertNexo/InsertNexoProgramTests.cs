using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Samples;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.InsertNexo;

/// <summary>What Insert nexo reads from its sample on the PostgreSQL stand-in, and what check says of an installation without the model tables.</summary>
public sealed class InsertNexoProgramTests(InsertNexoFixture nexo) : IClassFixture<InsertNexoFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IProgramConnector _nexo = InsertNexoFixture.Connector(DetectPlaces.None);

    [Fact]
    public async Task Each_Nexo_database_is_one_firm_named_by_its_own_company_row_not_by_its_contractors()
    {
        var firms = Right(await _nexo.Discover(nexo.Config(nexo.Pattern), None));

        Assert.Equal(nexo.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)).OrderBy(f => f.FirmKey, StringComparer.Ordinal),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
    }

    [Fact]
    public async Task Declarations_and_contributions_of_the_model_tables_are_read_for_the_months_of_the_plan()
    {
        var firm = nexo.Sample.Firms[1];

        var records = await All(_nexo.Read(nexo.Config(nexo.Pattern),
            Plan([(firm.FirmKey, firm.Nip)], 3, 4, DataKind.Basic, DataKind.Taxes, DataKind.Zus), None));

        Assert.Equal(firm.Nip, Assert.Single(records.OfType<RawBasicData>()).Data.Nip);
        Assert.Equal([("VAT-7", 3), ("PIT-5L", 3), ("VAT-7", 4), ("PIT-5L", 4)],
            records.OfType<RawDeclaration>().Select(d => (d.FormName, d.DeclarationDate!.Value.Month)));
        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal([3, 4], zus.Select(z => z.Month));
        Assert.All(zus, z => Assert.Equal(z.Emerytalne + z.Rentowe + z.Chorobowe + z.Wypadkowe + z.Zdrowotne + z.FpFs, z.TotalDue));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task Check_of_an_installation_without_the_model_tables_names_each_one_it_lacks()
    {
        var (pattern, info) = await nexo.Write();
        foreach (var f in info.Firms)
        {
            await using var c = await SampleServer.PostgreSql.Open(InsertNexoFixture.Database(pattern, f.FirmKey), None);
            await SampleServer.Exec(c, "DROP TABLE \"ModelDanychContainer\".\"DeklaracjePodatkowe\"; " +
                "DROP TABLE \"ModelDanychContainer\".\"SkladkiZus\"", None);
        }

        var problem = Left(await _nexo.Check(nexo.Config(pattern), None));
        var firms = Right(await _nexo.Discover(nexo.Config(pattern), None));

        Assert.Equal("program.check", problem.Code);
        Assert.Contains("table ModelDanychContainer.DeklaracjePodatkowe missing", problem.Message);
        Assert.Contains("table ModelDanychContainer.SkladkiZus missing", problem.Message);
        Assert.Equal(info.Firms.Count, firms.Count); // the firms are still found by Podmioty
    }

    [Fact]
    public async Task A_wrong_password_is_one_login_problem_without_the_password()
    {
        var problem = Left(await _nexo.Discover(nexo.Config(nexo.Pattern, "Zle-Haslo-55"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.DoesNotContain("Zle-Haslo-55", problem.ToString());
    }

    [Fact]
    public async Task A_missing_listing_database_is_one_problem_naming_it()
    {
        var config = nexo.Config(nexo.Pattern);
        config = config with { Values = new Dictionary<string, string>(config.Values) { ["database"] = "nexo_no_such_master" } };

        var problem = Left(await _nexo.Discover(config, None));

        Assert.Equal("source.database-missing", problem.Code);
        Assert.Contains("nexo_no_such_master", problem.Message);
    }

    [Fact]
    public async Task A_deleted_firm_database_fails_only_that_firm_as_missing_from_the_server()
    {
        var (pattern, info) = await nexo.Write();
        var gone = info.Firms[0];
        await SampleServer.PostgreSql.Drop(InsertNexoFixture.Database(pattern, gone.FirmKey), None);

        var records = await All(_nexo.Read(nexo.Config(pattern), Plan(info.Firms.Select(f => (f.FirmKey, f.Nip)), 1, 1, DataKind.Taxes), None));

        var failed = Assert.Single(records.OfType<GroupEnd>(), e => e.Failure is not null);
        Assert.Equal((gone.FirmKey, "program.firm-missing"), (failed.FirmKey, failed.Failure!.Code));
        Assert.Equal(info.Firms.Count - 1, records.OfType<RawDeclaration>().Select(d => d.FirmKey).Distinct().Count());
    }
}
