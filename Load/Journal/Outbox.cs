using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Panel;
using LanguageExt;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Journal;

/// <summary>A batch staged in the outbox and not yet confirmed by its sink.</summary>
public sealed record PendingBatch(long Id, string Sink, DeliveryBatch Batch);

/// <summary>
/// The outbox: a batch is staged whole in one transaction; after the sink applied it, one
/// transaction advances the journal, marks the batch confirmed and drops its stored facts.
/// </summary>
public static class Outbox
{
    public static async Task<long> Stage(SqliteConnection connection, string sink,
        DeliveryBatch batch, DateTimeOffset now, PeselSeal seal, CancellationToken cancel) =>
        (await Stage(connection, sink, [batch], now, seal, cancel).ConfigureAwait(false))[0];

    /// <summary>Stages batches in their order, all in one transaction; their outbox numbers.</summary>
    public static async Task<IReadOnlyList<long>> Stage(SqliteConnection connection, string sink,
        IReadOnlyList<DeliveryBatch> batches, DateTimeOffset now, PeselSeal seal, CancellationToken cancel)
    {
        await using var tx = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancel).ConfigureAwait(false);
        var ids = new List<long>(batches.Count);
        foreach (var batch in batches)
        {
            await connection.Prepared(InsertRun, tx)
                .With("$run", batch.Run.Value).With("$at", Stamp(now))
                .ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            var id = await InsertHeader(connection, tx, sink, batch, now, cancel).ConfigureAwait(false);
            for (var seq = 0; seq < batch.Items.Count; seq++)
                await InsertFact(connection, tx, id, seq, batch.Items[seq], seal, cancel).ConfigureAwait(false);
            ids.Add(id);
        }
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return ids;
    }

    /// <summary>
    /// Confirms a delivered batch; the panel's mark after it (when the sink keeps one) is kept
    /// with the journal in the same transaction.
    /// </summary>
    public static Task Confirm(SqliteConnection connection, long batchId,
        DateTimeOffset now, CancellationToken cancel, PanelMark? mark = null) =>
        Confirm(connection, [(batchId, mark)], now, cancel);

    /// <summary>Confirms delivered batches in their order, all in one transaction.</summary>
    public static async Task Confirm(SqliteConnection connection,
        IReadOnlyList<(long Batch, PanelMark? Mark)> delivered, DateTimeOffset now, CancellationToken cancel)
    {
        await using var tx = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancel).ConfigureAwait(false);
        foreach (var (batchId, mark) in delivered)
        {
            await AdvanceJournal(connection, tx, batchId, now, cancel).ConfigureAwait(false);
            foreach (var sql in new[] { MarkConfirmed, DropFacts })
                await connection.Prepared(sql, tx).With("$batch", batchId).With("$at", Stamp(now))
                    .ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            if (mark is not null)
                await JournalStore.KeepMark(connection, tx, batchId, mark, cancel).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancel).ConfigureAwait(false);
    }

    // The journal records each fact's approval as the panel applies it: rule 10,
    // Approval.OnDelivery, against what the journal confirmed before.
    private static async Task AdvanceJournal(SqliteConnection connection, SqliteTransaction tx,
        long batchId, DateTimeOffset now, CancellationToken cancel)
    {
        var facts = new List<(long Seq, bool Approved)>();
        var read = connection.Prepared(BatchAgainstJournal, tx).With("$batch", batchId);
        await using (var rdr = await read.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            {
                var held = rdr.IsDBNull(3) ? Option<HeldApproval>.None
                    : new HeldApproval(rdr.GetString(3),
                        rdr.GetInt64(4) != 0 ? ApprovalState.Approved : ApprovalState.Unapproved);
                var asked = rdr.GetInt64(1) != 0 ? ApprovalState.Approved : ApprovalState.Unapproved;
                var approval = Approval.OnDelivery(held, rdr.GetString(2), asked);
                facts.Add((rdr.GetInt64(0), approval.State == ApprovalState.Approved));
            }
        foreach (var (seq, approved) in facts)
        {
            var cmd = connection.Prepared(UpsertJournal, tx)
                .With("$batch", batchId).With("$seq", seq).With("$approved", approved ? 1 : 0)
                .With("$at", Stamp(now));
            await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The batches of a sink not yet confirmed, oldest first.</summary>
    public static async Task<IReadOnlyList<PendingBatch>> Pending(
        SqliteConnection connection, string sink, PeselSeal seal, CancellationToken cancel)
    {
        var headers = await PendingHeaders(connection, sink, cancel).ConfigureAwait(false);
        var batches = new List<PendingBatch>();
        foreach (var (id, batch) in headers)
        {
            var items = await Facts(connection, id, seal, cancel).ConfigureAwait(false);
            batches.Add(new PendingBatch(id, sink, batch with { Items = items, OutboxId = id }));
        }
        return batches;
    }

    /// <summary>How many batches of a sink are staged and not confirmed.</summary>
    public static async Task<int> CountPending(SqliteConnection connection, string sink, CancellationToken cancel)
    {
        await using var cmd = connection.Command(
            "SELECT COUNT(*) FROM outbox WHERE sink = $sink AND confirmed_at IS NULL", null).With("$sink", sink);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> InsertHeader(SqliteConnection connection,
        SqliteTransaction tx, string sink, DeliveryBatch batch, DateTimeOffset now,
        CancellationToken cancel)
    {
        var cmd = connection.Prepared(InsertBatch, tx)
            .With("$run", batch.Run.Value).With("$sink", sink)
            .With("$firm", batch.Firm.Value).With("$kind", batch.Kind.Code())
            .With("$approve", batch.Approve ? 1 : 0).With("$count", batch.Items.Count)
            .With("$at", Stamp(now));
        return (long)(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false))!;
    }

    private static async Task InsertFact(SqliteConnection connection, SqliteTransaction tx,
        long batch, int seq, DeliveryItem item, PeselSeal seal, CancellationToken cancel)
    {
        var key = item.Fact.Key;
        var cmd = connection.Prepared(InsertFactSql, tx)
            .With("$batch", batch).With("$seq", seq).With("$key", key.Text)
            .With("$period", key.Period.MatchUnsafe(p => p.ToString(), () => (string?)null))
            .With("$subject", key.Subject).With("$status", item.Status.ToString())
            .With("$hash", item.Fact.ContentHash).With("$body", FactJson.Write(item.Fact, seal));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private static async Task<List<(long, DeliveryBatch)>> PendingHeaders(
        SqliteConnection connection, string sink, CancellationToken cancel)
    {
        await using var cmd = connection.Command(PendingSql, null).With("$sink", sink);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var headers = new List<(long, DeliveryBatch)>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            headers.Add((rdr.GetInt64(0), new DeliveryBatch(
                StoredRun(rdr.GetString(1)), FactJson.NipOf(rdr.GetString(2)),
                DataKinds.FromCode(rdr.GetString(3)) ?? throw Corrupt(rdr.GetString(3)),
                rdr.GetInt64(4) != 0, [])));
        return headers;
    }

    private static async Task<IReadOnlyList<DeliveryItem>> Facts(
        SqliteConnection connection, long batch, PeselSeal seal, CancellationToken cancel)
    {
        await using var cmd = connection.Command(FactsSql, null).With("$batch", batch);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var items = new List<DeliveryItem>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            items.Add(new DeliveryItem(
                FactJson.Read(rdr.GetString(1), seal).Match(f => f, p => throw Corrupt(p.Message)),
                Enum.Parse<FactStatus>(rdr.GetString(0))));
        return items;
    }

    private static RunId StoredRun(string raw) =>
        RunId.Create(raw).Match(r => r, _ => throw Corrupt(raw));

    // The outbox holds only what this code wrote: a value it cannot read is a fault.
    private static InvalidDataException Corrupt(string what) =>
        new($"the outbox holds an entry that cannot be read: {what}");

    internal static string Stamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private const string InsertRun =
        "INSERT OR IGNORE INTO runs (run_id, started_at) VALUES ($run, $at)";

    private const string InsertBatch = """
        INSERT INTO outbox (run_id, sink, firm, kind, approve, fact_count, staged_at)
        VALUES ($run, $sink, $firm, $kind, $approve, $count, $at)
        RETURNING batch
        """;

    private const string InsertFactSql = """
        INSERT INTO outbox_facts (batch, seq, fact_key, period, subject, status, content_hash, body)
        VALUES ($batch, $seq, $key, $period, $subject, $status, $hash, $body)
        """;

    private const string PendingSql = """
        SELECT batch, run_id, firm, kind, approve
        FROM outbox
        WHERE sink = $sink AND confirmed_at IS NULL
        ORDER BY batch
        """;

    private const string FactsSql =
        "SELECT status, body FROM outbox_facts WHERE batch = $batch ORDER BY seq";

    private const string BatchAgainstJournal = """
        SELECT f.seq, o.approve, f.content_hash, j.content_hash, j.approved
        FROM outbox_facts f JOIN outbox o ON o.batch = f.batch
        LEFT JOIN journal j ON j.sink = o.sink AND j.fact_key = f.fact_key
        WHERE f.batch = $batch
        ORDER BY f.seq
        """;

    private const string UpsertJournal = """
        INSERT INTO journal (sink, fact_key, firm, kind, period, subject, content_hash,
                             approved, run_id, confirmed_at)
        SELECT o.sink, f.fact_key, o.firm, o.kind, f.period, f.subject, f.content_hash,
               $approved, o.run_id, $at
        FROM outbox_facts f JOIN outbox o ON o.batch = f.batch
        WHERE f.batch = $batch AND f.seq = $seq
        ON CONFLICT (sink, fact_key) DO UPDATE SET
            approved = excluded.approved, content_hash = excluded.content_hash,
            firm = excluded.firm, kind = excluded.kind, period = excluded.period,
            subject = excluded.subject, run_id = excluded.run_id,
            confirmed_at = excluded.confirmed_at
        """;

    private const string MarkConfirmed =
        "UPDATE outbox SET confirmed_at = $at WHERE batch = $batch AND confirmed_at IS NULL";

    private const string DropFacts = "DELETE FROM outbox_facts WHERE batch = $batch";
}
