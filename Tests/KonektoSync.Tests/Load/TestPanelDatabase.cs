using KonektoSync.Load.Panel;
using KonektoSync.Tests.Panel;
using Npgsql;

namespace KonektoSync.Tests.Load;

/// <summary>
/// A fresh panel database for a test: an SQLite panel file in a temporary folder, or a PostgreSQL
/// database <c>&lt;prefix&gt;_&lt;random&gt;</c> on 127.0.0.1:5432 created for it and dropped after.
/// </summary>
internal sealed class TestPanelDatabase : IAsyncDisposable
{
    private const string PostgresServer = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto";
    private readonly TempFolder folder;
    private readonly string? name;
    private readonly NpgsqlDataSource? source;

    public PanelDatabase Database { get; }

    private TestPanelDatabase(TempFolder folder, string? name, NpgsqlDataSource? source, PanelDatabase database) =>
        (this.folder, this.name, this.source, Database) = (folder, name, source, database);

    public static async Task<TestPanelDatabase> Create(PanelStorage storage, string prefix)
    {
        var folder = new TempFolder();
        if (storage == PanelStorage.Sqlite)
            return new TestPanelDatabase(folder, null, null, PanelDatabase.SqliteFile(folder.File("panel.db")));
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(PostgresServer + ";Database=postgres;Pooling=false"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var source = NpgsqlDataSource.Create(PostgresServer + ";Database=" + name);
        return new TestPanelDatabase(folder, name, source,
            new PanelDatabase(async c => await source.OpenConnectionAsync(c), PanelDialect.Postgres));
    }

    public async ValueTask DisposeAsync()
    {
        folder.Dispose();
        if (source is null) return;
        await source.DisposeAsync();
        await using var admin = new NpgsqlConnection(PostgresServer + ";Database=postgres;Pooling=false");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
