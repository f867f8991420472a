using System.Globalization;
using System.Text.Json.Nodes;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.InsertGt;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.InsertGt;

/// <summary>
/// An Insert GT sample on the PostgreSQL stand-in: databases "gt_&lt;prefix&gt;_fN". Each sample is
/// located by its name pattern, which a profile override gives the connector (as an office would narrow
/// the databases it reads), so the tests see only their own databases on the shared server.
/// </summary>
public sealed class InsertGtFixture : IAsyncLifetime
{
    private readonly List<(InsertGtSampleWriter Writer, SampleInfo Info)> _written = [];
    public string Folder { get; } = Directory.CreateTempSubdirectory("konektosync-gt-").FullName;
    public SampleInfo Sample { get; private set; } = null!;
    public string Pattern { get; private set; } = "";

    public async Task InitializeAsync() => (Pattern, Sample) = await Write();

    public async Task<(string Pattern, SampleInfo Info)> Write()
    {
        var writer = new InsertGtSampleWriter(Guid.NewGuid().ToString("N")[..10], SampleServer.PostgreSql);
        var info = await writer.Write(Folder, FirebirdFixture.Spec, CancellationToken.None);
        lock (_written) _written.Add((writer, info));
        return (writer.Pattern, info);
    }

    public static string Database(string pattern, string firmKey) => string.Format(CultureInfo.InvariantCulture, pattern, firmKey);

    /// <summary>The sample's configuration: the server's databases listed through "postgres", narrowed to the sample's pattern.</summary>
    public ProgramConfig Config(string pattern, string? password = "konekto", string? profileDir = null)
    {
        var dir = profileDir ?? Directory.CreateTempSubdirectory("konektosync-gt-profile-").FullName;
        var file = Path.Combine(dir, "insertgt.profile.json");
        var json = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))!.AsObject() : new JsonObject { ["items"] = new JsonObject() };
        json["items"]!.AsObject()["file.gtDatabase"] = new JsonObject { ["value"] = pattern };
        File.WriteAllText(file, json.ToJsonString());
        return new ProgramConfig(ProgramId.InsertGt, new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["port"] = "5432", ["user"] = "konekto", ["database"] = "postgres", ["profileDir"] = dir,
        }, password is null ? null : new Secret(password));
    }

    public static IProgramConnector Connector(DetectPlaces places) =>
        new ProgramDriver(InsertGtProgram.On(ServerEngine.PostgreSql), places);

    public async Task DisposeAsync()
    {
        foreach (var (writer, info) in _written) await writer.Drop(info);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The connector contract for Insert GT on the PostgreSQL stand-in for SQL Server.</summary>
[Collection("Firebird")]
public sealed class InsertGtContractTests(FirebirdFixture fb, InsertGtFixture gt) : ConnectorContract(fb), IClassFixture<InsertGtFixture>
{
    protected override string Mode => "server";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override bool DetectsFromPlaces => false;
    protected override IProgramConnector Connector(DetectPlaces places) => InsertGtFixture.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((gt.Pattern, gt.Sample));

    protected override ProgramConfig Config(string pattern, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        gt.Config(pattern, password == FirebirdFixture.Password ? "konekto" : password, profileDir);

    protected override async Task<string> Copy(string name) => (await gt.Write()).Pattern;

    private static string Quote(string table) => string.Join('.', table.Split('.').Select(p => $"\"{p}\""));

    protected override async Task Alter(string copy, string file, string sql)
    {
        if (sql.StartsWith("DROP TABLE ", StringComparison.Ordinal)) sql = "DROP TABLE " + Quote(sql["DROP TABLE ".Length..]);
        foreach (var f in gt.Sample.Firms)
        {
            await using var c = await SampleServer.PostgreSql.Open(InsertGtFixture.Database(copy, f.FirmKey), CancellationToken.None);
            await SampleServer.Exec(c, sql, CancellationToken.None);
        }
    }

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {Quote(table)} DROP COLUMN \"{column}\"";
    protected override string RenameColumn(string table, string column, string to) =>
        $"ALTER TABLE {Quote(table)} RENAME COLUMN \"{column}\" TO \"{to}\"";

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        SampleServer.PostgreSql.Drop(InsertGtFixture.Database(copy, firm.FirmKey), CancellationToken.None);

    protected override (string File, string Table) TaxesTable => ("firm", "dbo.dekl__Ewid");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("firm", "dbo.adr__Ewid", "adr_NIP", "column.addresses.nip");

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string pattern) =>
        (new DetectPlaces([gt.Folder, Fb.Root], []), new DetectPlaces([], []), "database");
}
