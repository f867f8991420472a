using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>Reads the journal: per sink and natural key, what the sink confirmed.</summary>
public static class JournalStore
{
    public static async Task<IReadOnlyDictionary<string, Confirmed>> ReadGroup(
        SqliteConnection connection, string sink, Nip firm, DataKind kind,
        CancellationToken cancel)
    {
        var cmd = connection.Prepared(ReadGroupSql, null)
            .With("$sink", sink).With("$firm", firm.Value).With("$kind", kind.Code());
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var group = new Dictionary<string, Confirmed>(StringComparer.Ordinal);
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
        {
            var key = rdr.GetString(0);
            group[key] = new Confirmed(key, PeriodOf(rdr, 1), rdr.GetString(2),
                rdr.GetString(3), rdr.GetInt64(4) != 0);
        }
        return group;
    }

    /// <summary>How many keys the journal of a sink holds.</summary>
    public static async Task<long> Count(SqliteConnection connection, string sink,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(CountSql, null).With("$sink", sink);
        return (long)(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) ?? 0L);
    }

    /// <summary>The panel's mark the journal of a sink last confirmed, if any.</summary>
    public static async Task<PanelMark?> ReadMark(SqliteConnection connection, string sink,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(ReadMarkSql, null).With("$sink", sink);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? new PanelMark(rdr.GetString(0), rdr.GetInt64(1))
            : null;
    }

    /// <summary>Keeps the mark a confirmed batch's sink reported, in the confirmation's transaction.</summary>
    internal static async Task KeepMark(SqliteConnection connection, SqliteTransaction tx,
        long batchId, PanelMark mark, CancellationToken cancel)
    {
        var cmd = connection.Prepared(KeepMarkOfBatchSql, tx).With("$batch", batchId)
            .With("$identity", mark.Identity).With("$generation", mark.Generation);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The journal of a sink no longer counts anything as delivered, and the panel's current
    /// mark is kept: one transaction.
    /// </summary>
    public static async Task Forget(SqliteConnection connection, string sink, PanelMark mark,
        CancellationToken cancel)
    {
        await using var tx = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancel).ConfigureAwait(false);
        foreach (var sql in new[] { ForgetSql, KeepMarkSql })
        {
            await using var cmd = connection.Command(sql, tx).With("$sink", sink)
                .With("$identity", mark.Identity).With("$generation", mark.Generation);
            await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancel).ConfigureAwait(false);
    }

    private static Option<Period> PeriodOf(SqliteDataReader rdr, int i) =>
        rdr.IsDBNull(i) ? None : Some(FactJson.PeriodOf(rdr.GetString(i)));

    private const string ReadGroupSql = """
        SELECT fact_key, period, subject, content_hash, approved
        FROM journal
        WHERE sink = $sink AND firm = $firm AND kind = $kind
        """;

    private const string CountSql = "SELECT COUNT(*) FROM journal WHERE sink = $sink";

    private const string ReadMarkSql = "SELECT identity, generation FROM sink_marks WHERE sink = $sink";

    private const string ForgetSql = "DELETE FROM journal WHERE sink = $sink";

    private const string KeepMarkSql = """
        INSERT INTO sink_marks (sink, identity, generation) VALUES ($sink, $identity, $generation)
        ON CONFLICT (sink) DO UPDATE SET identity = excluded.identity, generation = excluded.generation
        """;

    private const string KeepMarkOfBatchSql = """
        INSERT INTO sink_marks (sink, identity, generation)
        SELECT sink, $identity, $generation FROM outbox WHERE batch = $batch
        ON CONFLICT (sink) DO UPDATE SET identity = excluded.identity, generation = excluded.generation
        """;
}
