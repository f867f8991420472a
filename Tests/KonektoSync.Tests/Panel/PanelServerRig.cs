using System.Collections.Concurrent;
using System.Data.Common;
using KonektoSync.Domain;
using KonektoSync.Load.Remote;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KonektoSync.Tests.Panel;

/// <summary>Where a panel server keeps its database and the offices' panels.</summary>
public enum PanelStorage
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A panel server on a loopback port, on a fresh database (an SQLite file, or a PostgreSQL
/// database pgpanel_&lt;random&gt; on 127.0.0.1:5432 created for it and dropped after), with its log kept.
/// </summary>
internal sealed class PanelServerRig : IAsyncDisposable
{
    private const string PostgresServer = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto";
    private readonly WebApplication app;
    private readonly string? database;
    private readonly string sqlitePath;
    public ServerStore Store { get; }
    public Uri Url { get; }
    public CapturedLog Log { get; }

    private PanelServerRig(WebApplication app, ServerStore store, Uri url, CapturedLog log, string? database, string sqlitePath) =>
        (this.app, Store, Url, Log, this.database, this.sqlitePath) = (app, store, url, log, database, sqlitePath);

    public static async Task<PanelServerRig> Start(TempFolder folder, int failedAuthPerMinute = 10, string name = "server",
        long maxBodyBytes = 32 * 1024 * 1024, PanelStorage storage = PanelStorage.Sqlite, TimeProvider? clock = null,
        IPanelMessenger? messenger = null)
    {
        var sqlitePath = folder.File($"{name}/server.db");
        string? database = null;
        if (storage == PanelStorage.Postgres)
        {
            database = "pgpanel_" + Guid.NewGuid().ToString("N")[..12];
            await using var admin = new NpgsqlConnection(PostgresServer + ";Database=postgres;Pooling=false");
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var store = (await Open(sqlitePath, database))
            .Match(s => s, p => throw new InvalidOperationException(p.Message));
        var log = new CapturedLog();
        var app = PanelServer.Build(new PanelServerOptions(store, "http://127.0.0.1:0")
        {
            FailedAuthPerMinute = failedAuthPerMinute, MaxBodyBytes = maxBodyBytes, ExtraLog = log, ConsoleLog = false,
            Clock = clock ?? TimeProvider.System, Messenger = messenger,
        });
        await app.StartAsync();
        return new PanelServerRig(app, store, new Uri(app.Urls.First()), log, database, sqlitePath);
    }

    private static Task<LanguageExt.Either<Problem, ServerStore>> Open(string sqlitePath, string? database) =>
        database is null
            ? ServerStore.Open(sqlitePath, default)
            : ServerStore.OpenPostgres(PostgresServer + ";Database=" + database, "postgres:TEST", default);

    /// <summary>The connection string of the server's PostgreSQL database; null on SQLite.</summary>
    public string? ConnectionString => database is null ? null : PostgresServer + ";Database=" + database;

    /// <summary>The server's database opened again, as a server started on it would open it.</summary>
    public Task<LanguageExt.Either<Problem, ServerStore>> Reopen() => Open(sqlitePath, database);

    /// <summary>Runs a statement in the server's own database.</summary>
    public async Task Execute(string sql)
    {
        await using var c = await OpenOwn();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row a query of the server's own database returns, as text.</summary>
    public async Task<IReadOnlyList<string>> Query(string sql)
    {
        await using var c = await OpenOwn();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var rdr = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await rdr.ReadAsync()) rows.Add(Convert.ToString(rdr.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return rows;
    }

    private async Task<DbConnection> OpenOwn()
    {
        DbConnection c = database is null
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlitePath};Pooling=False")
            : new NpgsqlConnection(PostgresServer + ";Pooling=false;Database=" + database);
        await c.OpenAsync();
        return c;
    }

    public async Task<string> Office(string name) =>
        (await Store.AddOffice(name, LoadFixtures.Noon, default)).Match(o => o.Token, p => throw new InvalidOperationException(p.Message));

    public HttpPanelSink Sink(string token, HttpPanelOptions? options = null, Uri? url = null) =>
        new(url ?? Url, token, TestKeys.Pesel, updateBasicData: true,
            options ?? new HttpPanelOptions { FirstBackoff = TimeSpan.FromMilliseconds(20), RequestTimeout = TimeSpan.FromSeconds(5) });

    public HttpClient Client(string? token = null)
    {
        var c = new HttpClient { BaseAddress = Url };
        if (token is not null) c.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await Store.DisposeAsync();
        if (database is null) return;
        await using var admin = new NpgsqlConnection(PostgresServer + ";Database=postgres;Pooling=false");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Every line the server logs, with its exception.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            log.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
    }
}
