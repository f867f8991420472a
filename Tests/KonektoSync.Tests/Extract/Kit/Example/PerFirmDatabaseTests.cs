using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit.Example;

/// <summary>
/// One database per firm on a server, found by the tables it holds (Insert GT's layout), on the
/// PostgreSQL test server: the worked example's company databases, narrowed by an office's name pattern.
/// </summary>
public sealed class PerFirmDatabaseTests(ExampleFixture example) : IClassFixture<ExampleFixture>, IDisposable
{
    private static readonly ProgramDefinition PerFirm = new(
        ProgramId.InsertGt, "PerFirm", new ProfileSource("perfirm", typeof(PerFirmDatabaseTests).Assembly,
            "KonektoSync.Tests.Extract.Kit.Example.perfirm.profile.json"),
        ServerEngine.PostgreSql, "database to list the server's databases from",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq("settings", "declarations"), "firmDatabase"))
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.Query("basic", Records.BasicData(ProgramId.InsertGt)),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.InsertGt)),
        },
    };

    private readonly IProgramConnector _perFirm = new ProgramDriver(PerFirm);
    private readonly string _profiles = Directory.CreateTempSubdirectory("konektosync-perfirm-").FullName;
    private string Prefix => example.Catalog[..^"_config".Length];

    private ProgramConfig Config()
    {
        // the office names its firm databases: here the ones of this test's sample
        File.WriteAllText(Path.Combine(_profiles, "perfirm.profile.json"),
            $$"""{ "items": { "file.firmDatabase": { "value": "{{Prefix}}_{0}" } } }""");
        return new ProgramConfig(ProgramId.InsertGt, new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["user"] = "konekto", ["database"] = "postgres", ["profileDir"] = _profiles,
        }, new Secret("konekto"));
    }

    [Fact]
    public async Task The_databases_holding_the_firm_tables_are_the_firms_keyed_by_their_part_of_the_name_and_the_catalog_is_not()
    {
        var firms = Right(await _perFirm.Discover(Config(), CancellationToken.None));

        Assert.Equal(example.Sample.Firms.Select(f => $"f{f.FirmKey}").Order(StringComparer.Ordinal),
            firms.Select(f => f.FirmKey));
    }

    [Fact]
    public async Task A_firm_s_basic_data_and_declarations_come_from_its_own_database()
    {
        var firm = example.Sample.Firms[1];
        var key = $"f{firm.FirmKey}"; // the database {Prefix}_f{N} under the office's pattern {Prefix}_{0}

        var records = await All(_perFirm.Read(Config(), Plan([(key, firm.Nip)], 1, 6, DataKind.Basic, DataKind.Taxes),
            CancellationToken.None));

        Assert.Equal((firm.Name, firm.Nip), (Assert.Single(records.OfType<RawBasicData>()).Data.Name,
            records.OfType<RawBasicData>().Single().Data.Nip));
        Assert.Equal(6, records.OfType<RawDeclaration>().Count(d => d.FormName == "VAT-7"));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    public void Dispose() => Directory.Delete(_profiles, recursive: true);
}
