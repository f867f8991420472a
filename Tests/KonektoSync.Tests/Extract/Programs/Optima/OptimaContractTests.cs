using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Optima;

/// <summary>Optima samples on the PostgreSQL test server (the stand-in for SQL Server), written once and dropped at the end.</summary>
public sealed class OptimaFixture : IAsyncLifetime
{
    public const string Server = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto;Pooling=false";
    private readonly List<(OptimaSampleWriter Writer, SampleInfo Info)> _written = [];
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "konektosync-optima-" + Guid.NewGuid().ToString("N")[..8]);
    public SampleInfo Sample { get; private set; } = null!;
    public OptimaSampleWriter Writer { get; private set; } = null!;

    public async Task InitializeAsync() => (Writer, Sample) = await Write("main");

    /// <summary>A new sample with its own databases (the same seed: the same data).</summary>
    public async Task<(OptimaSampleWriter Writer, SampleInfo Info)> Write(string name)
    {
        var writer = new OptimaSampleWriter(Server, $"optima_t_{Guid.NewGuid().ToString("N")[..10]}");
        var info = await writer.Write(Path.Combine(Folder, name + "-" + writer.Catalog), FirebirdFixture.Spec, CancellationToken.None);
        lock (_written) _written.Add((writer, info));
        return (writer, info);
    }

    public OptimaSampleWriter WriterOf(string catalog) => _written.Single(w => w.Writer.Catalog == catalog).Writer;

    public static ProgramConfig Config(string catalog, string? password = "konekto", string? profileDir = null,
        params (string Key, string Value)[] more)
    {
        var values = new Dictionary<string, string> { ["host"] = "127.0.0.1", ["port"] = "5432", ["user"] = "konekto", ["database"] = catalog };
        if (profileDir is not null) values["profileDir"] = profileDir;
        foreach (var (k, v) in more) values[k] = v;
        return new ProgramConfig(KonektoSync.Domain.ProgramId.Optima, values, password is null ? null : new Secret(password));
    }

    public static IProgramConnector Connector(DetectPlaces? places = null) =>
        new ProgramDriver(OptimaProgram.On(ServerEngine.PostgreSql), places ?? DetectPlaces.None);

    public async Task DisposeAsync()
    {
        foreach (var (writer, info) in _written) await writer.Drop(info);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The connector contract for Optima, on PostgreSQL with Optima's schema and names.</summary>
[Collection("Firebird")]
public sealed class OptimaContractTests(FirebirdFixture fb, OptimaFixture optima) : ConnectorContract(fb), IClassFixture<OptimaFixture>
{
    protected override string Mode => "server";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override IProgramConnector Connector(DetectPlaces places) => OptimaFixture.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((optima.Writer.Catalog, optima.Sample));

    protected override ProgramConfig Config(string catalog, string? password = "konekto", string? profileDir = null) =>
        OptimaFixture.Config(catalog, password is null ? null : password == FirebirdFixture.Password ? "konekto" : password, profileDir);

    protected override async Task<string> Copy(string name) => (await optima.Write(name)).Writer.Catalog;

    /// <summary>Optima's names are mixed case: CDN.DeklNag is "CDN"."DeklNag" in statement text.</summary>
    private static string Quoted(string name) => string.Join('.', name.Split('.').Select(p => $"\"{p}\""));

    protected override async Task Alter(string copy, string file, string sql)
    {
        var writer = optima.WriterOf(copy);
        sql = sql.Replace("DROP TABLE CDN.DeklNag", "DROP TABLE \"CDN\".\"DeklNag\"", StringComparison.Ordinal);
        var databases = file == "catalog" ? [copy] : optima.Sample.Firms.Select(f => writer.FirmDatabase(f.FirmKey)).ToArray();
        foreach (var db in databases)
        {
            await using var c = await writer.Open(db, CancellationToken.None);
            await OptimaSampleWriter.Exec(c, sql, CancellationToken.None);
        }
    }

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {Quoted(table)} DROP COLUMN \"{column}\"";
    protected override string RenameColumn(string table, string column, string to) =>
        $"ALTER TABLE {Quoted(table)} RENAME COLUMN \"{column}\" TO \"{to}\"";

    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        var writer = optima.WriterOf(copy);
        return writer.Run($"DROP DATABASE {writer.FirmDatabase(firm.FirmKey)} WITH (FORCE)", CancellationToken.None);
    }

    protected override (string File, string Table) TaxesTable => ("firm", "CDN.DeklNag");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("catalog", "CDN.Bazy", "Baz_NIP", "column.companies.nip");

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string catalog) =>
        (new DetectPlaces([Fb.Root], ["/nowhere/konektosync-optima.ini", Path.Combine(optima.Sample.Folder, "konektosync-optima.ini")]),
         new DetectPlaces([Fb.Root, optima.Folder], []), "database");
}
