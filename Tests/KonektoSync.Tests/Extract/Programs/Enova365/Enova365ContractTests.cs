using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Enova365;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Enova365;

/// <summary>An enova365 sample on a test server, written once per test class and dropped at the end.</summary>
public abstract class Enova365Fixture(SampleServer server) : IAsyncLifetime
{
    private readonly List<(Enova365SampleWriter Writer, SampleInfo Info)> _written = [];
    public SampleServer Server => server;
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "konektosync-enova-" + Guid.NewGuid().ToString("N")[..8]);
    public SampleInfo Sample { get; private set; } = null!;
    public string Master { get; private set; } = "";

    public async Task InitializeAsync() => (Master, Sample) = await Write("main");

    /// <summary>A new sample with its own databases (the same seed: the same data).</summary>
    public async Task<(string Master, SampleInfo Info)> Write(string name)
    {
        var prefix = $"enova_{Guid.NewGuid().ToString("N")[..10]}";
        var writer = new Enova365SampleWriter(prefix, server);
        var info = await writer.Write(Path.Combine(Folder, name + "-" + prefix), FirebirdFixture.Spec, CancellationToken.None);
        lock (_written) _written.Add((writer, info));
        return (writer.Master, info);
    }

    /// <summary>The company database of a firm of the sample whose master is <paramref name="master"/>.</summary>
    public static string FirmDatabase(string master, string firmKey) => $"{master[..^"_enova".Length]}_f{firmKey}";

    /// <summary>A configuration of the sample: the master database on the test server, the engine named.</summary>
    public ProgramConfig Config(string master, string? password = "konekto", string? profileDir = null)
    {
        var values = new Dictionary<string, string>
        {
            ["engine"] = server.IsMySql ? "mysql" : "sqlserver", ["host"] = "127.0.0.1",
            ["port"] = server.IsMySql ? "3306" : "5432", ["user"] = "konekto", ["database"] = master,
        };
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(KonektoSync.Domain.ProgramId.Enova365, values, password is null ? null : new Secret(password));
    }

    /// <summary>The connector on this server: the PostgreSQL stand-in serves "engine=sqlserver".</summary>
    public IProgramConnector Connector(DetectPlaces places) =>
        new ProgramDriver(server.IsMySql ? Enova365Program.Definition : Enova365Program.On(ServerEngine.PostgreSql), places);

    /// <summary>A profile table name ("dbo.X") quoted for this server's DDL.</summary>
    public string Quote(string table) => server.IsMySql
        ? string.Join('.', table.Split('.').Select(p => $"`{p}`"))
        : string.Join('.', table.Split('.').Select(p => $"\"{p}\""));

    /// <summary>How the profile's "dbo.X" is named on this server (MySQL has no schemas).</summary>
    public string Named(string table) => server.IsMySql ? table[(table.IndexOf('.') + 1)..] : table;

    public async Task DisposeAsync()
    {
        foreach (var (writer, info) in _written) await writer.Drop(info);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class Enova365PostgreSqlFixture() : Enova365Fixture(SampleServer.PostgreSql);

public sealed class Enova365MySqlFixture() : Enova365Fixture(SampleServer.MySql);

/// <summary>The connector contract for enova365 on one test server.</summary>
public abstract class Enova365Contract(FirebirdFixture fb, Enova365Fixture enova) : ConnectorContract(fb)
{
    protected override string Mode => "server";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override IProgramConnector Connector(DetectPlaces places) => enova.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((enova.Master, enova.Sample));

    protected override ProgramConfig Config(string master, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        enova.Config(master, password == FirebirdFixture.Password ? "konekto" : password, profileDir);

    protected override async Task<string> Copy(string name) => (await enova.Write(name)).Master;

    protected override async Task Alter(string copy, string file, string sql)
    {
        if (sql.StartsWith("DROP TABLE ", StringComparison.Ordinal)) sql = "DROP TABLE " + enova.Quote(sql["DROP TABLE ".Length..]);
        var databases = file == "catalog" ? [copy] : enova.Sample.Firms.Select(f => Enova365Fixture.FirmDatabase(copy, f.FirmKey)).ToArray();
        foreach (var db in databases)
        {
            await using var c = await enova.Server.Open(db, CancellationToken.None);
            await SampleServer.Exec(c, sql, CancellationToken.None);
        }
    }

    protected override string DropColumn(string table, string column) =>
        $"ALTER TABLE {enova.Quote(table)} DROP COLUMN {enova.Server.Col(column)}";

    protected override string RenameColumn(string table, string column, string to) => enova.Server.IsMySql
        ? $"ALTER TABLE {enova.Quote(table)} CHANGE COLUMN `{column}` `{to}` varchar(128)"
        : $"ALTER TABLE {enova.Quote(table)} RENAME COLUMN \"{column}\" TO \"{to}\"";

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        enova.Server.Drop(Enova365Fixture.FirmDatabase(copy, firm.FirmKey), CancellationToken.None);

    protected override (string File, string Table) TaxesTable => ("firm", enova.Named("dbo.Deklaracje"));
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("catalog", enova.Named("dbo.DBItems"), "Name", "column.databases.name");

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string master) =>
        (new DetectPlaces([], ["/nowhere/Soneta/Lista baz danych.xml", Path.Combine(enova.Sample.Folder, "Lista baz danych.xml")]),
         new DetectPlaces([Fb.Root, enova.Folder], [Path.Combine(enova.Folder, "Lista baz danych.xml")]), "database");
}

/// <summary>enova365 on SQL Server: the contract on the PostgreSQL stand-in (schema dbo, the same table names).</summary>
[Collection("Firebird")]
public sealed class Enova365SqlServerContractTests(FirebirdFixture fb, Enova365PostgreSqlFixture enova)
    : Enova365Contract(fb, enova), IClassFixture<Enova365PostgreSqlFixture>;

/// <summary>enova365 on MySQL ("engine=mysql"): the contract on the MariaDB test server through MySqlConnector.</summary>
[Collection("Firebird")]
public sealed class Enova365MySqlContractTests(FirebirdFixture fb, Enova365MySqlFixture enova)
    : Enova365Contract(fb, enova), IClassFixture<Enova365MySqlFixture>;
