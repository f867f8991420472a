using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Kit.Example;

/// <summary>The worked example's sample on the PostgreSQL test server, written once and dropped at the end.</summary>
public sealed class ExampleFixture : IAsyncLifetime
{
    private readonly List<(ExampleSampleWriter Writer, SampleInfo Info)> _written = [];
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "konektosync-example-" + Guid.NewGuid().ToString("N")[..8]);
    public SampleInfo Sample { get; private set; } = null!;
    public string Catalog { get; private set; } = "";

    public async Task InitializeAsync() => (Catalog, Sample) = await Write("main");

    /// <summary>A new sample with its own databases (the same seed: the same data).</summary>
    public async Task<(string Catalog, SampleInfo Info)> Write(string name)
    {
        var prefix = $"ks_{Guid.NewGuid().ToString("N")[..10]}";
        var writer = new ExampleSampleWriter(prefix);
        var info = await writer.Write(Path.Combine(Folder, name + "-" + prefix), FirebirdFixture.Spec, CancellationToken.None);
        lock (_written) _written.Add((writer, info));
        return (writer.Catalog, info);
    }

    public async Task DisposeAsync()
    {
        foreach (var (writer, info) in _written) await writer.Drop(info);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The connector contract for the worked example, on PostgreSQL.</summary>
[Collection("Firebird")]
public sealed class ExampleContractTests(FirebirdFixture fb, ExampleFixture example) : ConnectorContract(fb), IClassFixture<ExampleFixture>
{
    protected override string Mode => "server";
    protected override string ProfileCode => "example";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override IProgramConnector Connector(DetectPlaces places) => ExampleProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((example.Catalog, example.Sample));

    protected override ProgramConfig Config(string catalog, string? password = "konekto", string? profileDir = null)
    {
        var values = new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["port"] = "5432", ["user"] = "konekto", ["database"] = catalog,
        };
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(Connector(DetectPlaces.None).Program, values,
            password is null ? null : new Secret(password == FirebirdFixture.Password ? "konekto" : password));
    }

    protected override async Task<string> Copy(string name) => (await example.Write(name)).Catalog;

    protected override async Task Alter(string copy, string file, string sql)
    {
        var prefix = copy[..^"_config".Length];
        var databases = file == "catalog" ? [copy] : example.Sample.Firms.Select(f => $"{prefix}_f{f.FirmKey}").ToArray();
        foreach (var db in databases)
        {
            await using var c = await ExampleSampleWriter.Open(db, CancellationToken.None);
            await ExampleSampleWriter.Exec(c, sql, CancellationToken.None);
        }
    }

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {table} DROP COLUMN {column}";
    protected override string RenameColumn(string table, string column, string to) => $"ALTER TABLE {table} RENAME COLUMN {column} TO {to}";

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        ExampleSampleWriter.Run(ExampleSampleWriter.Server, $"DROP DATABASE {copy[..^"_config".Length]}_f{firm.FirmKey} WITH (FORCE)",
            CancellationToken.None);

    protected override (string File, string Table) TaxesTable => ("firm", "cdn.deklaracje");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("catalog", "cfg.companies", "nip", "column.companies.nip");

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string catalog) =>
        (new DetectPlaces([Fb.Root], ["/nowhere/example.ini", Path.Combine(example.Sample.Folder, "example.ini")]),
         new DetectPlaces([Fb.Root, example.Folder], []), "database");
}
