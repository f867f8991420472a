using System.Globalization;
using System.Text.Json;
using KonektoSync.Domain;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Host.State;

/// <summary>A row of the event log as stored.</summary>
public sealed record EventRow(
    long Id, string RunId, DateTimeOffset At, string Severity, string Code, string? Program,
    string? Firm, string? Kind, string? Period, string Message, string Remedy, string[] Args);

/// <summary>
/// What the machine keeps in konektosync.db besides the journal and outbox: the firms found
/// in each program (for `firms`), the sync runs and the event log (*Dziennik zdarzeń*).
/// </summary>
/// <summary>One sync run: Finished and Outcome are null while it runs, and for ever when it was interrupted.</summary>
public sealed record RunRow(string RunId, DateTimeOffset Started, DateTimeOffset? Finished, string? Outcome);

public sealed class StateStore : IDisposable
{
    private readonly SqliteConnection _db;

    private const string Schema = """
        PRAGMA journal_mode=WAL;
        PRAGMA busy_timeout=5000;
        CREATE TABLE IF NOT EXISTS firms_found(
            program TEXT NOT NULL, firm_key TEXT NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY(program, firm_key));
        CREATE TABLE IF NOT EXISTS sync_runs(
            run_id TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT, outcome TEXT);
        CREATE TABLE IF NOT EXISTS events(
            id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, at TEXT NOT NULL,
            severity TEXT NOT NULL, code TEXT NOT NULL, program TEXT, firm TEXT, kind TEXT,
            period TEXT, message TEXT NOT NULL, remedy TEXT NOT NULL, args TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS events_at ON events(at);
        """;

    private StateStore(SqliteConnection db) => _db = db;

    public static StateStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = Schema;
            cmd.ExecuteNonQuery();
            return new StateStore(db);
        }
        catch
        {
            // a full disk or a damaged file fails the schema: the file is not left open
            db.Dispose();
            throw;
        }
    }

    public SqliteConnection Connection => _db;

    /// <summary>Replaces what is known of one program's firms (one transaction).</summary>
    public void ReplaceFirms(ProgramId program, IEnumerable<RawFirm> firms)
    {
        using var tx = _db.BeginTransaction();
        using (var del = _db.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM firms_found WHERE program=$p";
            del.Parameters.AddWithValue("$p", program.Code());
            del.ExecuteNonQuery();
        }
        using var ins = _db.CreateCommand();
        ins.Transaction = tx;
        ins.CommandText = "INSERT OR REPLACE INTO firms_found(program, firm_key, body) VALUES($p,$k,$b)";
        var p = ins.Parameters.Add("$p", SqliteType.Text);
        var k = ins.Parameters.Add("$k", SqliteType.Text);
        var b = ins.Parameters.Add("$b", SqliteType.Text);
        foreach (var f in firms)
        {
            p.Value = program.Code();
            k.Value = f.FirmKey;
            b.Value = JsonSerializer.Serialize(f);
            ins.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public List<RawFirm> FirmsFound()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT body FROM firms_found ORDER BY program, firm_key";
        using var r = cmd.ExecuteReader();
        var list = new List<RawFirm>();
        while (r.Read())
            if (JsonSerializer.Deserialize<RawFirm>(r.GetString(0)) is { } f) list.Add(f);
        return list;
    }

    public void ClearFirms()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "DELETE FROM firms_found";
        cmd.ExecuteNonQuery();
    }

    public void StartRun(string runId, DateTimeOffset at)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO sync_runs(run_id, started) VALUES($r,$t)";
        cmd.Parameters.AddWithValue("$r", runId);
        cmd.Parameters.AddWithValue("$t", at.ToString("O", CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    public void FinishRun(string runId, DateTimeOffset at, string outcome)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "UPDATE sync_runs SET finished=$t, outcome=$o WHERE run_id=$r";
        cmd.Parameters.AddWithValue("$r", runId);
        cmd.Parameters.AddWithValue("$t", at.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$o", outcome);
        cmd.ExecuteNonQuery();
    }

    public void Append(string runId, DateTimeOffset at, IEnumerable<SyncEvent> events)
    {
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO events(run_id, at, severity, code, program, firm, kind, period, message, remedy, args)
            VALUES($r,$t,$s,$c,$p,$f,$k,$d,$m,$x,$a)
            """;
        foreach (var e in events)
        {
            cmd.Parameters.Clear();
            cmd.Parameters.AddWithValue("$r", runId);
            cmd.Parameters.AddWithValue("$t", at.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$s", e.Severity.ToString().ToLowerInvariant());
            cmd.Parameters.AddWithValue("$c", e.Code);
            cmd.Parameters.AddWithValue("$p", (object?)e.Program.Map(p => p.Code()).IfNoneUnsafe((string?)null) ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$f", (object?)e.Firm.Map(n => n.Value).IfNoneUnsafe((string?)null) ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$k", (object?)e.Kind.Map(k => k.Code()).IfNoneUnsafe((string?)null) ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$d", (object?)e.Period.Map(p => p.ToString()).IfNoneUnsafe((string?)null) ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$m", e.Message);
            cmd.Parameters.AddWithValue("$x", e.Remedy);
            cmd.Parameters.AddWithValue("$a", JsonSerializer.Serialize(e.Args.ToArray()));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>
    /// The newest <paramref name="limit"/> events that pass the filters, oldest first: errors only, or
    /// warnings and errors; since a time; of one run.
    /// </summary>
    public List<EventRow> Events(bool errorsOnly, DateTimeOffset? since, int limit = 10000,
        bool warningsOnly = false, string? run = null)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"""
            SELECT * FROM (
              SELECT id, run_id, at, severity, code, program, firm, kind, period, message, remedy, args
              FROM events WHERE 1=1
              {(errorsOnly ? "AND severity='error'" : warningsOnly ? "AND severity IN ('warning','error')" : "")}
              {(since is null ? "" : "AND at >= $since")}
              {(run is null ? "" : "AND run_id = $run")}
              ORDER BY id DESC LIMIT $lim)
            ORDER BY id
            """;
        if (since is { } s) cmd.Parameters.AddWithValue("$since", s.ToString("O", CultureInfo.InvariantCulture));
        if (run is not null) cmd.Parameters.AddWithValue("$run", run);
        cmd.Parameters.AddWithValue("$lim", limit);
        using var r = cmd.ExecuteReader();
        var list = new List<EventRow>();
        while (r.Read())
            list.Add(new EventRow(r.GetInt64(0), r.GetString(1),
                DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.GetString(9), r.GetString(10),
                JsonSerializer.Deserialize<string[]>(r.GetString(11)) ?? []));
        return list;
    }

    /// <summary>The runs, oldest first: start, end and outcome (both null for a run that never ended).</summary>
    public List<RunRow> Runs()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT run_id, started, finished, outcome FROM sync_runs ORDER BY started, rowid";
        using var r = cmd.ExecuteReader();
        var list = new List<RunRow>();
        while (r.Read())
            list.Add(new RunRow(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
                r.IsDBNull(2) ? null : DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture),
                r.IsDBNull(3) ? null : r.GetString(3)));
        return list;
    }

    public void Dispose() => _db.Dispose();
}
