using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Wapro;
using KonektoSync.Extract.Programs.WaproFakir;
using KonektoSync.Extract.Programs.WaproKaper;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Wapro;

/// <summary>
/// WAPRO samples on the PostgreSQL stand-in for SQL Server: each sample is one database
/// "wapro_&lt;program&gt;_&lt;random&gt;" holding every firm, which the configuration names (as an office
/// names its WAPRO database), so the tests see only their own databases on the shared server.
/// </summary>
public abstract class WaproFixture(ProgramId program) : IAsyncLifetime
{
    private readonly List<WaproSampleWriter> _written = [];
    public string Folder { get; } = Directory.CreateTempSubdirectory("konektosync-wapro-").FullName;
    public SampleInfo Sample { get; private set; } = null!;
    public string Database { get; private set; } = "";

    public async Task InitializeAsync() => (Database, Sample) = await Write();

    /// <summary>A new sample database; returns its name and what it holds.</summary>
    public async Task<(string Database, SampleInfo Info)> Write()
    {
        var name = $"wapro_{program.Code()}_{Guid.NewGuid():N}"[..32];
        var writer = program == ProgramId.WaproFakir
            ? WaproSampleWriter.Fakir(name, SampleServer.PostgreSql) : WaproSampleWriter.Kaper(name, SampleServer.PostgreSql);
        lock (_written) _written.Add(writer);
        return (name, await writer.Write(Folder, FirebirdFixture.Spec, CancellationToken.None));
    }

    public ProgramConfig Config(string database, string? password = "konekto", string? profileDir = null) =>
        new(program, new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["port"] = "5432", ["user"] = "konekto", ["database"] = database,
            ["profileDir"] = profileDir ?? Directory.CreateTempSubdirectory("konektosync-wapro-profile-").FullName,
        }, password is null ? null : new Secret(password));

    public IProgramConnector Connector(DetectPlaces places) => new ProgramDriver(program == ProgramId.WaproFakir
        ? WaproFakirProgram.On(ServerEngine.PostgreSql) : WaproKaperProgram.On(ServerEngine.PostgreSql), places);

    public async Task DisposeAsync()
    {
        foreach (var writer in _written) await writer.Drop();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class WaproFakirFixture() : WaproFixture(ProgramId.WaproFakir);

public sealed class WaproKaperFixture() : WaproFixture(ProgramId.WaproKaper);

/// <summary>The connector contract for a WAPRO program on the PostgreSQL stand-in for SQL Server.</summary>
public abstract class WaproContract(FirebirdFixture fb, WaproFixture wapro) : ConnectorContract(fb)
{
    protected override string Mode => "server";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override bool DetectsFromPlaces => false;
    protected override IProgramConnector Connector(DetectPlaces places) => wapro.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((wapro.Database, wapro.Sample));

    protected override ProgramConfig Config(string database, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        wapro.Config(database, password == FirebirdFixture.Password ? "konekto" : password, profileDir);

    protected override async Task<string> Copy(string name) => (await wapro.Write()).Database;

    private static string Quote(string table) => string.Join('.', table.Split('.').Select(p => $"\"{p}\""));

    protected override async Task Alter(string copy, string file, string sql)
    {
        if (sql.StartsWith("DROP TABLE ", StringComparison.Ordinal)) sql = "DROP TABLE " + Quote(sql["DROP TABLE ".Length..]);
        await using var c = await SampleServer.PostgreSql.Open(copy, CancellationToken.None);
        await SampleServer.Exec(c, sql, CancellationToken.None);
    }

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {Quote(table)} DROP COLUMN \"{column}\"";
    protected override string RenameColumn(string table, string column, string to) =>
        $"ALTER TABLE {Quote(table)} RENAME COLUMN \"{column}\" TO \"{to}\"";

    /// <summary>A firm of the shared database is gone when its FIRMA row is deleted.</summary>
    protected override async Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        await using var c = await SampleServer.PostgreSql.Open(copy, CancellationToken.None);
        await SampleServer.Exec(c, "DELETE FROM \"dbo\".\"FIRMA\" WHERE \"ID_FIRMY\" = @id", CancellationToken.None,
            ("@id", int.Parse(firm.FirmKey, System.Globalization.CultureInfo.InvariantCulture)));
    }

    protected override (string File, string Table) TaxesTable => ("main", "dbo.DEKLARACJA");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("main", "dbo.FIRMA", "NIP", "column.firms.nip");

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string database) =>
        (new DetectPlaces([wapro.Folder, Fb.Root], []), new DetectPlaces([], []), "database");
}

[Collection("Firebird")]
public sealed class WaproFakirContractTests(FirebirdFixture fb, WaproFakirFixture wapro)
    : WaproContract(fb, wapro), IClassFixture<WaproFakirFixture>;

[Collection("Firebird")]
public sealed class WaproKaperContractTests(FirebirdFixture fb, WaproKaperFixture wapro)
    : WaproContract(fb, wapro), IClassFixture<WaproKaperFixture>;
