using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KonektoSync.Domain;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Panel;

/// <summary>An office of the panel server: its number and name.</summary>
public sealed record Office(long Id, string Name);

/// <summary>
/// The panel server's own database (SQLite, <c>server.db</c>): its schema version, the offices
/// with their API tokens (only a SHA-256 hash of each), the runs the syncs reported. Each
/// office's panel is a panel file of its own beside it (<c>offices/&lt;id&gt;.db</c>), so one
/// office's data is never in reach of another's requests.
/// </summary>
public sealed class ServerStore
{
    /// <summary>The schema version this server writes; a newer database is refused.</summary>
    public const int SchemaVersion = 1;

    private readonly string path;

    private ServerStore(string path) => this.path = path;

    /// <summary>The folder of the offices' panel files.</summary>
    public string OfficesFolder => Path.Combine(Path.GetDirectoryName(path)!, "offices");

    public string OfficePanel(Office office) =>
        Path.Combine(OfficesFolder, office.Id.ToString(CultureInfo.InvariantCulture) + ".db");

    /// <summary>
    /// Opens (creating when missing) the database at <paramref name="path"/> and applies the
    /// migrations it lacks; a database of a newer server is the problem <c>panel.server.newer</c>.
    /// </summary>
    public static async Task<Either<Problem, ServerStore>> Open(string path, CancellationToken cancel)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, "offices"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(folder, "offices"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var store = new ServerStore(Path.GetFullPath(path));
        await using var connection = await store.Connect(cancel).ConfigureAwait(false);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", null, cancel)
            .ConfigureAwait(false);
        var version = await Scalar(connection, "SELECT MAX(version) FROM schema_version", cancel).ConfigureAwait(false);
        if (version > SchemaVersion)
            return Left<Problem, ServerStore>(Problem.Of("panel.server.newer",
                $"the panel server database {path} has schema version {version}, newer than this server's {SchemaVersion}: run a newer konektosync",
                path, version.ToString(CultureInfo.InvariantCulture), SchemaVersion.ToString(CultureInfo.InvariantCulture)));
        for (var v = (int)version + 1; v <= SchemaVersion; v++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            await Execute(connection, Migrations[v - 1], tx, cancel).ConfigureAwait(false);
            await using (var cmd = Command(connection, "INSERT INTO schema_version (version) VALUES ($v)", tx))
            {
                cmd.Parameters.AddWithValue("$v", v);
                await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
            await tx.CommitAsync(cancel).ConfigureAwait(false);
        }
        return Right<Problem, ServerStore>(store);
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
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = Command(connection, """
            INSERT INTO offices (name, token_hash, created_at) VALUES ($name, $hash, $at)
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, null);
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$hash", OfficeTokens.Hash(token));
        cmd.Parameters.AddWithValue("$at", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
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
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = Command(connection, "SELECT id, name, token_hash FROM offices WHERE token_hash = $hash", null);
        cmd.Parameters.AddWithValue("$hash", hash);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await rdr.ReadAsync(cancel).ConfigureAwait(false)) return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(rdr.GetString(2)), Encoding.ASCII.GetBytes(hash))
            ? new Office(rdr.GetInt64(0), rdr.GetString(1))
            : null;
    }

    /// <summary>Keeps a run a sync reported (its id, times, outcome and events as JSON); a run sent again replaces it.</summary>
    public async Task RecordRun(Office office, string runId, string json, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = Command(connection, """
            INSERT INTO runs (office_id, run_id, body) VALUES ($office, $run, $body)
            ON CONFLICT (office_id, run_id) DO UPDATE SET body = excluded.body
            """, null);
        cmd.Parameters.AddWithValue("$office", office.Id);
        cmd.Parameters.AddWithValue("$run", runId);
        cmd.Parameters.AddWithValue("$body", json);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The runs an office's syncs reported, as they sent them, in the order of their ids.</summary>
    public async Task<IReadOnlyList<string>> Runs(Office office, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = Command(connection, "SELECT body FROM runs WHERE office_id = $office ORDER BY run_id", null);
        cmd.Parameters.AddWithValue("$office", office.Id);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var runs = new List<string>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false)) runs.Add(rdr.GetString(0));
        return runs;
    }

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE offices (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE runs (
            office_id INTEGER NOT NULL REFERENCES offices (id),
            run_id    TEXT NOT NULL,
            body      TEXT NOT NULL,
            PRIMARY KEY (office_id, run_id)
        );
        """,
    ];

    private async Task<SqliteConnection> Connect(CancellationToken cancel)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(cancel).ConfigureAwait(false);
        await Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;",
            null, cancel).ConfigureAwait(false);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static async Task Execute(SqliteConnection connection, string sql, SqliteTransaction? tx, CancellationToken cancel)
    {
        await using var cmd = Command(connection, sql, tx);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private static async Task<long> Scalar(SqliteConnection connection, string sql, CancellationToken cancel)
    {
        await using var cmd = Command(connection, sql, null);
        return await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) is long n ? n : 0;
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
