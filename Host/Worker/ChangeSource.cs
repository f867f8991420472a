using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Host.Config;
using KonektoSync.Host.Sync;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Worker;

/// <summary>
/// A cheap fingerprint of each configured program's data, compared by the worker with the one it
/// kept after the program's last sync: a program syncs only when its fingerprint differs. A
/// fingerprint that cannot be taken (None) counts as a change.
/// </summary>
public interface IChangeSource
{
    Task<Map<ProgramId, Option<string>>> Fingerprints(AppConfig cfg, DataDir dir, CancellationToken cancel);

    /// <summary>
    /// Whether the sync's own read moves the program's fingerprint (a Firebird file's time moves at
    /// every attach): then its marker is the fingerprint taken after the read, else the one taken before.
    /// </summary>
    bool MovedByReads(ProgramId id, ProgramEntry entry) => true;
}

/// <summary>
/// The fingerprint of file programs and Firebird files: the names, sizes and modification times of
/// the files under the folders and files of the program's settings (at every depth: StreamSoft keeps
/// a firm's year four folders down; at most <see cref="MaxFiles"/> files, more counts as a change),
/// hashed. Only file metadata is read: no file is opened.
/// <para>
/// Reading a Firebird database moves its modification time (an attachment and each transaction,
/// read-only ones included, write the header page's next-transaction number), so the worker keeps
/// the fingerprint taken after the sync's own read, not the one before it. A change written while
/// a program's sync runs, after that program's read, is seen only at the next change elsewhere in
/// the same files or at the next scheduled run.
/// </para>
/// <para>
/// SQL servers have no files here: their fingerprint is None; <see cref="ProgramChangeSource"/>
/// reads their <see cref="SqlChangeMarker"/> instead.
/// </para>
/// </summary>
public sealed class FileChangeSource : IChangeSource
{
    public const int MaxFiles = 100_000;

    public Task<Map<ProgramId, Option<string>>> Fingerprints(AppConfig cfg, DataDir dir, CancellationToken cancel)
    {
        var result = Map<ProgramId, Option<string>>();
        foreach (var (id, entry) in Connectors.Configured(cfg))
        {
            cancel.ThrowIfCancellationRequested();
            result = result.AddOrUpdate(id, Of(entry));
        }
        return Task.FromResult(result);
    }

    /// <summary>The fingerprint of one program's files, or None when its settings name no file or folder that exists here.</summary>
    public static Option<string> Of(ProgramEntry entry)
    {
        var lines = new List<string>();
        foreach (var (key, value) in entry.Values)
        {
            if (string.IsNullOrWhiteSpace(value) || !Path.IsPathFullyQualified(value)) continue;
            try
            {
                if (File.Exists(value)) lines.Add(Line(key, new FileInfo(value), value));
                else if (Directory.Exists(value))
                    lines.AddRange(Directory.EnumerateFiles(value, "*", new EnumerationOptions
                            { RecurseSubdirectories = true, IgnoreInaccessible = true })
                        .Take(MaxFiles + 1).Select(f => Line(key, new FileInfo(f), Path.GetRelativePath(value, f))));
                else return None;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return None;
            }
        }
        if (lines.Count == 0 || lines.Count > MaxFiles) return None;
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private static string Line(string key, FileInfo f, string name) =>
        string.Join('\t', key, name, f.Length.ToString(CultureInfo.InvariantCulture),
            f.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The worker's change source: a program on a database server (SQL Server, MySQL/MariaDB, PostgreSQL,
/// the PostgreSQL stand-in) is fingerprinted by its engine's <see cref="SqlChangeMarker"/>, read with
/// the program's own settings through the kit's read-only session; every other program by its files
/// (<see cref="FileChangeSource"/>). A marker that cannot be read (server down, login, no privilege,
/// an engine without a marker) is None, a change: a sync is never skipped because of an error. The
/// reason is logged once, until the marker is read again.
/// </summary>
public sealed class ProgramChangeSource(Serilog.ILogger log, Func<SqlDialect, string?>? markerSql = null) : IChangeSource
{
    private readonly Func<SqlDialect, string?> _markerSql = markerSql ?? SqlChangeMarker.For;
    private readonly Dictionary<ProgramId, string> _unreadable = new();

    /// <summary>Our read-only transactions do not move a SQL server's marker; files move under our reads.</summary>
    public bool MovedByReads(ProgramId id, ProgramEntry entry) => OnServer(id, entry) is null;

    public async Task<Map<ProgramId, Option<string>>> Fingerprints(AppConfig cfg, DataDir dir, CancellationToken cancel)
    {
        var result = Map<ProgramId, Option<string>>();
        foreach (var (id, entry) in Connectors.Configured(cfg))
        {
            cancel.ThrowIfCancellationRequested();
            var fp = OnServer(id, entry) is { } server
                ? Noted(id, await Guarded(() => Connectors.Resolve(id, entry, dir).Bind(c => SqlTarget.FromConfig(server.Name, server.Dialect, c))
                    .MatchAsync(t => server.OwnDatabase ? DatabaseMarker(id, t, cancel) : Marker(id, t, cancel),
                        p => Either<string, string>.Left(p.ToString()))))
                : FileChangeSource.Of(entry);
            result = result.AddOrUpdate(id, fp);
        }
        return result;
    }

    /// <summary>A fault of a driver while reading a marker is a marker that cannot be read (its type only: a message may hold secrets).</summary>
    private static async Task<Either<string, string>> Guarded(Func<Task<Either<string, string>>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Either<string, string>.Left($"a fault while reading it ({e.GetType().Name})");
        }
    }

    /// <summary>
    /// The program's name, the dialect of the server its settings choose, and whether it keeps all its data
    /// in the configured database (<see cref="Layout.ServerDatabase"/>: then that database's own marker is
    /// its marker), or null for a program not on a server.
    /// </summary>
    private static (string Name, SqlDialect Dialect, bool OwnDatabase)? OnServer(ProgramId id, ProgramEntry entry)
    {
        if (Connectors.Find(id).Case is not ProgramDriver driver) return null;
        var engine = driver.Definition.Engine;
        // the choice is read from the entry's own values: the setting naming the engine is no secret
        if (engine is EngineChoice choice)
            engine = choice.Chosen(driver.Definition.Name, new Extract.ProgramConfig(id, entry.Values, null))
                .Match(e => e, _ => engine);
        return engine is ServerEngine server
            ? (driver.Definition.Name, server.Dialect, driver.Definition.Layout is Layout.ServerDatabase
                && Extract.Engines.Sql.DatabaseMarker.Has(server.Dialect) && server.Dialect != SqlDialect.SqlServer)
            : null;
    }

    /// <summary>The last server marker (PostgreSQL's snapshot) and database marker read per program's database.</summary>
    private readonly Dictionary<string, (string Server, string Database)> _lastDatabase = new();

    /// <summary>
    /// The marker of a program that keeps all its data in one database: that database's own marker
    /// (<see cref="Extract.Engines.Sql.DatabaseMarker"/>), so writes to other databases of the server do not
    /// move it. On PostgreSQL the server's snapshot is read first: while it is the one read with the last
    /// database marker, no transaction that writes has begun or ended on the server since, so that database
    /// marker still stands and the tables are not scanned again.
    /// </summary>
    private async Task<Either<string, string>> DatabaseMarker(ProgramId id, SqlTarget target, CancellationToken cancel)
    {
        var key = $"{id.Code()}\t{target}";
        var server = "";
        if (_markerSql(target.Dialect) is { } sql)
        {
            var read = await Read(id, target, sql, cancel);
            if (read.IsLeft) return read;
            server = read.Match(m => m, _ => "");
            lock (_lastDatabase)
                if (_lastDatabase.TryGetValue(key, out var last) && last.Server == server)
                    return Either<string, string>.Right($"{target}\t{last.Database}");
        }
        var opened = await target.Open(id.Code(), cancel);
        if (opened.Case is Problem p) return Either<string, string>.Left(p.ToString());
        await using var session = (SqlSession)opened.Case!;
        var marker = (await Extract.Engines.Sql.DatabaseMarker.Read(session, cancel)).MapLeft(e => e.ToString());
        foreach (var database in marker.RightToSeq())
            if (server.Length > 0)
                lock (_lastDatabase) _lastDatabase[key] = (server, database);
        return marker.Map(m => $"{target}\t{m}");
    }

    /// <summary>
    /// The marker of the program's server: PostgreSQL's is server-wide (one query through the configured
    /// database); SQL Server's is per database, so it is read in every database of the server the login
    /// may open (<c>HAS_DBACCESS</c>), the configured one first. Left: why it cannot be read.
    /// </summary>
    private async Task<Either<string, string>> Marker(ProgramId id, SqlTarget target, CancellationToken cancel)
    {
        if (_markerSql(target.Dialect) is not { } sql) return Either<string, string>.Left($"{target.Dialect.Engine} has no change marker here");
        var here = await Read(id, target, sql, cancel);
        if (target.Dialect != SqlDialect.SqlServer || here.IsLeft) return here.Map(m => $"{target}\t{m}");
        var lines = new List<string> { $"{target}\t{here.Match(m => m, _ => "")}" };
        var listed = await List(id, target, SqlChangeMarker.SqlServerDatabases, cancel);
        if (listed.IsLeft) return listed.Map(_ => "");
        foreach (var database in listed.Match(l => l, _ => []))
        {
            if (database.Equals(target.Database, StringComparison.OrdinalIgnoreCase)) continue;
            var other = await Read(id, target.WithDatabase(database), sql, cancel);
            if (other.IsLeft) return other;
            lines.Add($"{database}\t{other.Match(m => m, _ => "")}");
        }
        return Either<string, string>.Right(string.Join('\n', lines));
    }

    private static async Task<Either<string, string>> Read(ProgramId id, SqlTarget target, string sql, CancellationToken cancel) =>
        (await List(id, target, sql, cancel)).Bind(l => l.Count == 1 && l[0].Length > 0
            ? Either<string, string>.Right(l[0])
            : Either<string, string>.Left($"the marker query of {target.Dialect.Engine} gave no value"));

    private static async Task<Either<string, List<string>>> List(ProgramId id, SqlTarget target, string sql, CancellationToken cancel)
    {
        var opened = await target.Open(id.Code(), cancel);
        if (opened.Case is Problem p) return p.ToString();
        await using var session = (SqlSession)opened.Case!;
        return (await session.List(sql, [], r => r.IsDBNull(0) ? "" : r.GetString(0), cancel)).MapLeft(e => e.ToString());
    }

    /// <summary>The fingerprint of a marker; the reason a program's marker cannot be read is logged when it first appears.</summary>
    private Option<string> Noted(ProgramId id, Either<string, string> marker) =>
        marker.Match(
            Right: m =>
            {
                lock (_unreadable) _unreadable.Remove(id);
                return Some(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(m))));
            },
            Left: why =>
            {
                bool first;
                lock (_unreadable)
                {
                    first = !_unreadable.TryGetValue(id, out var last) || last != why;
                    _unreadable[id] = why;
                }
                if (first)
                    log.Warning("automatic update: the change marker of {Program} cannot be read ({Reason}); it syncs on every run until it can",
                        id.Code(), why);
                return Option<string>.None;
            });
}

/// <summary>
/// The change markers of SQL engines, for programs on a server: one cheap query whose answer moves
/// when any data is written, that a read-only login may run, and that our own reads do not move.
/// <list type="bullet">
/// <item>PostgreSQL: the current snapshot, <c>pg_current_snapshot()</c> (PostgreSQL 13 and later;
///   txid_current_snapshot() before) as text, xmin:xmax:the transactions in progress: a transaction id is
///   assigned only to a transaction that writes, so read-only transactions (ours) do not move it; a writing
///   transaction moves it when it begins (xmax) and when it commits or rolls back (it leaves the list in
///   progress), so one that began before the marker and commits after it is seen (xmax alone would miss it).
///   It is server-wide, so a write to another database moves it too (a needless sync, never a missed one).
///   pg_stat_database.xact_commit is not used: every read-only transaction, ours included, counts in it; its
///   tup_inserted/updated/deleted lag behind the commits (each backend flushes its counts at most once a
///   second) and are not kept with track_counts off. https://www.postgresql.org/docs/current/functions-info.html
///   and https://www.postgresql.org/docs/current/monitoring-stats.html. A program that keeps all its data in
///   one database (<c>Layout.ServerDatabase</c>) is marked by that database's own marker instead
///   (<see cref="Extract.Engines.Sql.DatabaseMarker"/>), read only when the snapshot moved.</item>
/// <item>SQL Server: <c>CHANGE_TRACKING_CURRENT_VERSION()</c> where change tracking is on for the database
///   (null otherwise), else <c>@@DBTS</c> (<see cref="Extract.Engines.Sql.DatabaseMarker.SqlServer"/>).</item>
/// </list>
/// MySQL/MariaDB have no server-wide marker here: the server's write counters (<c>Com_insert</c> ...) need the
/// performance or information schema a read-only login may not see. A program that keeps all its data in one
/// database is marked by that database's marker (<see cref="Extract.Engines.Sql.DatabaseMarker"/>, a scan of
/// its tables); one with a database per firm counts as changed, and its firms are then told apart by their own
/// databases' markers (<c>ProgramDriver.FirmPrints</c>).
/// </summary>
public static class SqlChangeMarker
{
    public const string PostgreSql = "SELECT pg_current_snapshot()::text";
    public const string SqlServer = Extract.Engines.Sql.DatabaseMarker.SqlServer;

    /// <summary>The databases of a SQL Server the login may open (each has its own marker).</summary>
    public const string SqlServerDatabases =
        "SELECT name FROM sys.databases WHERE database_id > 4 AND state = 0 AND HAS_DBACCESS(name) = 1 ORDER BY name";

    /// <summary>The marker query of an engine, or null when it has none.</summary>
    public static string? For(SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? PostgreSql : dialect == SqlDialect.SqlServer ? SqlServer : null;
}
