using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Journal;

/// <summary>
/// The load step's tables in the state database (konektosync.db): <c>runs</c>,
/// <c>outbox</c> (one row per staged batch), <c>outbox_facts</c> (its facts until
/// confirmed) and <c>journal</c> (per sink and natural key, the content hash confirmed) and
/// <c>sink_marks</c> (per sink, the panel's mark after the last confirmed delivery).
/// Other parts of the tool keep their own tables in the same file.
/// </summary>
public static class StateSchema
{
    public static async Task Ensure(string stateDbPath, CancellationToken cancel)
    {
        await using var connection =
            await SqliteFile.Open(stateDbPath, cancel).ConfigureAwait(false);
        await Ensure(connection, cancel).ConfigureAwait(false);
    }

    internal static Task<int> Ensure(SqliteConnection connection, CancellationToken cancel) =>
        connection.Execute(CreateTables, null, cancel);

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS runs (
            run_id      TEXT PRIMARY KEY,
            started_at  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS outbox (
            batch        INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id       TEXT NOT NULL REFERENCES runs (run_id),
            sink         TEXT NOT NULL,
            firm         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            approve      INTEGER NOT NULL,
            fact_count   INTEGER NOT NULL,
            staged_at    TEXT NOT NULL,
            confirmed_at TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (sink, batch)
            WHERE confirmed_at IS NULL;
        CREATE TABLE IF NOT EXISTS outbox_facts (
            batch        INTEGER NOT NULL REFERENCES outbox (batch),
            seq          INTEGER NOT NULL,
            fact_key     TEXT NOT NULL,
            period       TEXT NULL,
            subject      TEXT NOT NULL,
            status       TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            body         TEXT NOT NULL,
            PRIMARY KEY (batch, seq)
        );
        CREATE TABLE IF NOT EXISTS journal (
            sink         TEXT NOT NULL,
            fact_key     TEXT NOT NULL,
            firm         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            period       TEXT NULL,
            subject      TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            approved     INTEGER NOT NULL,
            run_id       TEXT NOT NULL,
            confirmed_at TEXT NOT NULL,
            PRIMARY KEY (sink, fact_key)
        );
        CREATE INDEX IF NOT EXISTS journal_group ON journal (sink, firm, kind);
        CREATE TABLE IF NOT EXISTS sink_marks (
            sink        TEXT PRIMARY KEY,
            identity    TEXT NOT NULL,
            generation  INTEGER NOT NULL
        );
        """;
}
