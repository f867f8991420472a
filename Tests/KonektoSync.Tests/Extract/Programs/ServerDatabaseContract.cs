using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs;

/// <summary>
/// A sample of a program whose one server database holds every firm (WAPRO, Reset2), on the PostgreSQL
/// stand-in for SQL Server: each sample is its own database "&lt;program&gt;_&lt;random&gt;", which the
/// configuration names (as an office names its database), so tests see only their own databases.
/// </summary>
public abstract class ServerDatabaseFixture(ProgramId program, Func<string, (ISampleWriter Writer, Func<Task> Drop)> writer,
    Func<ISourceEngine, ProgramDefinition> definition) : IAsyncLifetime
{
    private readonly List<Func<Task>> _drops = [];
    public ProgramId Program => program;
    public string Folder { get; } = Directory.CreateTempSubdirectory("konektosync-onedb-").FullName;
    public SampleInfo Sample { get; private set; } = null!;
    public string Database { get; private set; } = "";

    public async Task InitializeAsync() => (Database, Sample) = await Write();

    /// <summary>A new sample database; returns its name and what it holds.</summary>
    public async Task<(string Database, SampleInfo Info)> Write()
    {
        var name = $"{program.Code()}_{Guid.NewGuid():N}"[..32];
        var (w, drop) = writer(name);
        lock (_drops) _drops.Add(drop);
        return (name, await w.Write(Folder, FirebirdFixture.Spec, CancellationToken.None));
    }

    public ProgramConfig Config(string database, string? password = "konekto", string? profileDir = null) =>
        new(program, new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["port"] = "5432", ["user"] = "konekto", ["database"] = database,
            ["profileDir"] = profileDir ?? Directory.CreateTempSubdirectory("konektosync-onedb-profile-").FullName,
        }, password is null ? null : new Secret(password));

    public IProgramConnector Connector(DetectPlaces places) => new ProgramDriver(definition(ServerEngine.PostgreSql), places);

    public async Task DisposeAsync()
    {
        foreach (var drop in _drops) await drop();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The connector contract for a program whose one server database holds every firm, on the PostgreSQL stand-in.</summary>
public abstract class ServerDatabaseContract(FirebirdFixture fb, ServerDatabaseFixture sample) : ConnectorContract(fb)
{
    /// <summary>The firms table and its key column: a broken firm is its deleted row.</summary>
    protected abstract (string Table, string Key) FirmsTable { get; }

    protected override string Mode => "server";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override bool DetectsFromPlaces => false;
    protected override IProgramConnector Connector(DetectPlaces places) => sample.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((sample.Database, sample.Sample));

    protected override ProgramConfig Config(string database, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        sample.Config(database, password == FirebirdFixture.Password ? "konekto" : password, profileDir);

    protected override async Task<string> Copy(string name) => (await sample.Write()).Database;

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

    protected override async Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        await using var c = await SampleServer.PostgreSql.Open(copy, CancellationToken.None);
        await SampleServer.Exec(c, $"DELETE FROM {Quote(FirmsTable.Table)} WHERE \"{FirmsTable.Key}\" = @id", CancellationToken.None,
            ("@id", int.Parse(firm.FirmKey, System.Globalization.CultureInfo.InvariantCulture)));
    }

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string database) =>
        (new DetectPlaces([sample.Folder, Fb.Root], []), new DetectPlaces([], []), "database");
}
