using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit.Example;

/// <summary>What the worked example reads, value by value, from its sample on PostgreSQL.</summary>
public sealed class ExampleProgramTests(ExampleFixture example) : IClassFixture<ExampleFixture>
{
    private readonly IProgramConnector _example = ExampleProgram.Connector(DetectPlaces.None);

    private ProgramConfig Config() => new(ProgramId.Optima,
        new Dictionary<string, string> { ["host"] = "127.0.0.1", ["user"] = "konekto", ["database"] = example.Catalog },
        new Secret("konekto"));

    [Fact]
    public async Task Basic_data_comes_from_the_key_value_rows_of_the_firm_s_own_database()
    {
        var firm = example.Sample.Firms[0];

        var records = await All(_example.Read(Config(), Plan([(firm.FirmKey, firm.Nip)], 1, 1, DataKind.Basic), CancellationToken.None));

        var basic = Assert.Single(records.OfType<RawBasicData>()).Data;
        Assert.Equal((Shared.Name, Shared.Nip, "firma1@example.pl"), (basic.Name, basic.Nip, basic.Email));
        Assert.NotNull(basic.City);
        Assert.Null(Assert.IsType<GroupEnd>(records[^1]).Failure);
    }

    [Fact]
    public async Task Declarations_stored_with_an_MMRRRR_month_are_read_for_the_months_of_the_plan_and_dated_their_last_day()
    {
        var firm = example.Sample.Firms[1];

        var records = await All(_example.Read(Config(), Plan([(firm.FirmKey, firm.Nip)], 2, 4, DataKind.Taxes, DataKind.Zus),
            CancellationToken.None));

        var declarations = records.OfType<RawDeclaration>().ToList();
        Assert.Equal([new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 30)],
            declarations.Select(d => d.DeclarationDate!.Value));
        Assert.All(declarations, d => Assert.Equal("VAT-7", d.FormName));
        Assert.Equal(new DateTime(2024, 3, 10, 8, 0, 0), declarations[0].CreatedAt);
        Assert.Equal([2, 3, 4], records.OfType<RawZusDeclaration>().Select(z => z.Month));
        Assert.All(records.OfType<RawZusDeclaration>(), z => Assert.Equal(firm.Nip, z.PayerNip));
    }

    [Fact]
    public async Task Discover_lists_the_companies_of_the_catalog()
    {
        var firms = Right(await _example.Discover(Config(), CancellationToken.None));

        Assert.Equal(example.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)), firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
    }
}
