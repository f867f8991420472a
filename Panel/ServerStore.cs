using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KonektoSync.Domain;
using KonektoSync.Load;
using KonektoSync.Load.Panel;
using LanguageExt;
using Microsoft.Data.Sqlite;
using Npgsql;
using static LanguageExt.Prelude;

namespace KonektoSync.Panel;

/// <summary>An office of the panel server: its number and name.</summary>
public sealed record Office(long Id, string Name);

/// <summary>
/// The panel server's own database: its schema version, the offices with their API tokens (only
/// a SHA-256 hash of each), the runs the syncs reported. It is an SQLite file (<c>server.db</c>)
/// with each office's panel a panel file of its own beside it (<c>offices/&lt;id&gt;.db</c>), or
/// a PostgreSQL database with each office's panel in a schema of its own (<c>office_&lt;id&gt;</c>):
/// either way one office's data is never in reach of another's requests, and the panel's tables
/// and rules are the local panel's (<see cref="LocalPanel"/>).
/// </summary>
public sealed partial class ServerStore : IAsyncDisposable
{
    /// <summary>The schema version this server writes; a newer database is refused.</summary>
    public const int SchemaVersion = 4;

    private readonly Func<CancellationToken, Task<DbConnection>> connect;
    private readonly PanelDialect dialect;
    private readonly Func<Office, PanelDatabase> panelOf;
    private readonly Func<Office, DbConnection, CancellationToken, Task> prepare;
    private readonly ConcurrentDictionary<long, bool> ready = new();
    private readonly SemaphoreSlim preparing = new(1, 1);
    private IAsyncDisposable? pool;

    private ServerStore(Func<CancellationToken, Task<DbConnection>> connect, PanelDialect dialect,
        Func<Office, PanelDatabase> panelOf, Func<Office, DbConnection, CancellationToken, Task> prepare) =>
        (this.connect, this.dialect, this.panelOf, this.prepare) = (connect, dialect, panelOf, prepare);

    /// <summary>
    /// Opens (creating when missing) the SQLite database at <paramref name="path"/> and applies
    /// the migrations it lacks; a database of a newer server is the problem <c>panel.server.newer</c>.
    /// </summary>
    public static async Task<Either<Problem, ServerStore>> Open(string path, CancellationToken cancel)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var offices = Path.Combine(folder, "offices");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(offices);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(offices, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var store = new ServerStore(cancel2 => ConnectSqlite(full, cancel2), PanelDialect.Sqlite,
            office => PanelDatabase.SqliteFile(
                Path.Combine(offices, office.Id.ToString(CultureInfo.InvariantCulture) + ".db")),
            (_, _, _) => Task.CompletedTask);
        return await store.Migrate(path, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the PostgreSQL database <paramref name="connectionString"/> names (shown in messages
    /// as <paramref name="name"/>, never as itself) and applies the migrations it lacks; a database
    /// it cannot reach is the problem <c>panel.db.unreachable</c>, a database of a newer server
    /// <c>panel.server.newer</c>.
    /// </summary>
    public static async Task<Either<Problem, ServerStore>> OpenPostgres(string connectionString, string name,
        CancellationToken cancel)
    {
        NpgsqlDataSource source;
        try
        {
            source = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException)
        {
            return Left<Problem, ServerStore>(Unreachable(name, "the connection string is not valid"));
        }
        var store = new ServerStore(async c => await source.OpenConnectionAsync(c).ConfigureAwait(false),
            PanelDialect.Postgres,
            office => new PanelDatabase(async c =>
            {
                var connection = await source.OpenConnectionAsync(c).ConfigureAwait(false);
                try
                {
                    // a pooled connection is reset when it is returned (DISCARD ALL)
                    await connection.Execute("SET search_path TO " + SchemaOf(office), null, c).ConfigureAwait(false);
                    return connection;
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }, PanelDialect.Postgres),
            (office, connection, c) => connection.Execute("CREATE SCHEMA IF NOT EXISTS " + SchemaOf(office), null, c));
        store.pool = source;
        try
        {
            var migrated = await store.Migrate(name, cancel).ConfigureAwait(false);
            if (migrated.IsLeft) await store.DisposeAsync().ConfigureAwait(false);
            return migrated;
        }
        catch (NpgsqlException e)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            // Npgsql's messages name the host and the server's reply, never the password
            return Left<Problem, ServerStore>(Unreachable(name, e.Message));
        }
    }

    /// <summary>Closes the PostgreSQL connections the store pools (nothing on SQLite).</summary>
    public async ValueTask DisposeAsync()
    {
        if (pool is not null) await pool.DisposeAsync().ConfigureAwait(false);
        pool = null;
    }

    private static Problem Unreachable(string name, string why) =>
        Problem.Of("panel.db.unreachable", $"the panel server database {name} cannot be used: {why}", name, why);

    /// <summary>The schema of an office's panel in a PostgreSQL database.</summary>
    public static string SchemaOf(Office office) =>
        "office_" + office.Id.ToString(CultureInfo.InvariantCulture);

    private async Task<Either<Problem, ServerStore>> Migrate(string name, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", null, cancel)
            .ConfigureAwait(false);
        long version;
        await using (var cmd = connection.Command("SELECT MAX(version) FROM schema_version", null))
            version = await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } v and not DBNull
                ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;
        if (version > SchemaVersion)
            return Left<Problem, ServerStore>(Problem.Of("panel.server.newer",
                $"the panel server database {name} has schema version {version}, newer than this server's {SchemaVersion}: run a newer konektosync",
                name, version.ToString(CultureInfo.InvariantCulture), SchemaVersion.ToString(CultureInfo.InvariantCulture)));
        for (var v = (int)version + 1; v <= SchemaVersion; v++)
        {
            await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            await connection.Execute(string.Format(CultureInfo.InvariantCulture, dialect.Ddl(Migrations[v - 1]),
                dialect.Identity, dialect.Integer), tx, cancel).ConfigureAwait(false);
            await using (var cmd = connection.Command("INSERT INTO schema_version (version) VALUES (@v)", tx).With("@v", v))
                await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            await tx.CommitAsync(cancel).ConfigureAwait(false);
        }
        return Right<Problem, ServerStore>(this);
    }

    /// <summary>
    /// The panel of <paramref name="office"/>, its tables made when it is first opened (one
    /// office at a time, so that two first requests do not both create them).
    /// </summary>
    public async Task<LocalPanel> Panel(Office office, bool updateBasicData, TimeProvider clock, PeselKey peselKey,
        CancellationToken cancel)
    {
        var database = panelOf(office);
        if (ready.ContainsKey(office.Id))
            return await LocalPanel.Open(database, updateBasicData, clock, peselKey, cancel).ConfigureAwait(false);
        await preparing.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await using (var connection = await connect(cancel).ConfigureAwait(false))
                await prepare(office, connection, cancel).ConfigureAwait(false);
            var panel = await LocalPanel.Open(database, updateBasicData, clock, peselKey, cancel).ConfigureAwait(false);
            ready[office.Id] = true;
            return panel;
        }
        finally
        {
            preparing.Release();
        }
    }

    /// <summary>Adds an office; returns it with its API token, which is shown once and kept only as a hash.</summary>
    public async Task<Either<Problem, (Office Office, string Token)>> AddOffice(string name, DateTimeOffset now,
        CancellationToken cancel)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200 || name.Any(char.IsControl))
            return Left<Problem, (Office, string)>(Problem.Of("panel.office.name",
                "an office name has 1 to 200 characters and no control characters"));
        var token = OfficeTokens.New();
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            INSERT INTO offices (name, token_hash, created_at) VALUES (@name, @hash, @at)
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, null)
            .With("@name", name).With("@hash", OfficeTokens.Hash(token))
            .With("@at", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var id = await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false);
        return id is long n
            ? Right<Problem, (Office, string)>((new Office(n, name), token))
            : Left<Problem, (Office, string)>(Problem.Of("panel.office.exists",
                $"the panel server has an office named '{name}' already", name));
    }

    /// <summary>The office whose token this is, or none (compared in constant time).</summary>
    public async Task<Office?> OfficeOf(string token, CancellationToken cancel)
    {
        var hash = OfficeTokens.Hash(token);
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT id, name, token_hash FROM offices WHERE token_hash = @hash", null)
            .With("@hash", hash);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await rdr.ReadAsync(cancel).ConfigureAwait(false)) return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(rdr.GetString(2)), Encoding.ASCII.GetBytes(hash))
            ? new Office(rdr.Long(0), rdr.GetString(1))
            : null;
    }

    /// <summary>Keeps a run a sync reported (its id, times, outcome and events as JSON); a run sent again replaces it.</summary>
    public async Task RecordRun(Office office, string runId, string json, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            INSERT INTO runs (office_id, run_id, body) VALUES (@office, @run, @body)
            ON CONFLICT (office_id, run_id) DO UPDATE SET body = excluded.body
            """, null)
            .With("@office", office.Id).With("@run", runId).With("@body", json);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The runs an office's syncs reported, as they sent them, in the order of their ids.</summary>
    public async Task<IReadOnlyList<string>> Runs(Office office, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT body FROM runs WHERE office_id = @office ORDER BY run_id", null)
            .With("@office", office.Id);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var runs = new List<string>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false)) runs.Add(rdr.GetString(0));
        return runs;
    }

    /// <summary>What the server answered for a firm's summary in an earlier request of the same run, as JSON; null when none did.</summary>
    public async Task<string?> SummaryAnswer(Office office, string runId, string nip, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(
                "SELECT answer FROM summary_requests WHERE office_id = @office AND run_id = @run AND firm_nip = @nip", null)
            .With("@office", office.Id).With("@run", runId).With("@nip", nip);
        return await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) as string;
    }

    /// <summary>Keeps what the server answered for a firm's summary in a run, so that a repeated request sends nothing again.</summary>
    public async Task RecordSummaryAnswer(Office office, string runId, string nip, string json, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            INSERT INTO summary_requests (office_id, run_id, firm_nip, answer) VALUES (@office, @run, @nip, @answer)
            ON CONFLICT (office_id, run_id, firm_nip) DO NOTHING
            """, null)
            .With("@office", office.Id).With("@run", runId).With("@nip", nip).With("@answer", json);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    // {0}: the dialect's numbered key column, {1}: its integer type; TEXT as the dialect writes it
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE offices (
            id         {0},
            name       TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE runs (
            office_id {1} NOT NULL REFERENCES offices (id),
            run_id    TEXT NOT NULL,
            body      TEXT NOT NULL,
            PRIMARY KEY (office_id, run_id)
        );
        """,
        // 2: the clients' accounts (docs/panel-web.md)
        """
        CREATE TABLE client_accounts (
            id              {0},
            office_id       {1} NOT NULL REFERENCES offices (id),
            firm_nip        TEXT NOT NULL,
            person_key      TEXT NOT NULL,
            email           TEXT NOT NULL,
            password_hash   TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL,
            locked_until    TEXT NULL,
            created_at      TEXT NOT NULL,
            UNIQUE (office_id, firm_nip, person_key, email)
        );
        CREATE INDEX client_accounts_email ON client_accounts (email);
        """,
        // 3: the offices' staff, who sign in to the office pages (docs/panel-web.md)
        """
        CREATE TABLE staff (
            id              {0},
            office_id       {1} NOT NULL REFERENCES offices (id),
            login           TEXT NOT NULL UNIQUE,
            password_hash   TEXT NOT NULL,
            failed_attempts {1} NOT NULL DEFAULT 0,
            locked_until    TEXT,
            created_at      TEXT NOT NULL
        );
        """,
        // 4: what the server answered a sync's request to send summaries, per run and firm (POST /api/v1/summaries)
        """
        CREATE TABLE summary_requests (
            office_id {1} NOT NULL REFERENCES offices (id),
            run_id    TEXT NOT NULL,
            firm_nip  TEXT NOT NULL,
            answer    TEXT NOT NULL,
            PRIMARY KEY (office_id, run_id, firm_nip)
        );
        """,
    ];

    private static async Task<DbConnection> ConnectSqlite(string path, CancellationToken cancel)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            await connection.Execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;",
                null, cancel).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>API tokens: 32 random bytes (base64url), kept only as their SHA-256.</summary>
public static class OfficeTokens
{
    public const string Prefix = "kps_";

    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
