using System.Data.Common;
using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Panel;

/// <summary>
/// The embedded local panel: an SQLite file (panel.db) of its own, upserted by natural key.
/// A batch is applied in one transaction, in which the panel reads what it holds and writes what
/// the pure rules decide: basic data by rule 9 (<c>BasicDataDiff</c>, with
/// <c>updateBasicData</c>), approvals by rule 10 (<c>Approval.OnDelivery</c>,
/// <c>Approval.ApproveFirm</c>).
/// </summary>
public sealed partial class LocalPanel : IPanelSink, IOfficePanel
{
    private readonly PanelDatabase database;
    private readonly bool updateBasicData;
    private readonly TimeProvider clock;
    private readonly PeselKey peselKey;
    private DbConnection? held;

    private LocalPanel(PanelDatabase database, bool updateBasicData, TimeProvider clock, PeselKey peselKey) =>
        (this.database, this.updateBasicData, this.clock, this.peselKey) = (database, updateBasicData, clock, peselKey);

    public const string DefaultName = "local-panel";

    public string Name => DefaultName;

    /// <summary>
    /// Opens (creating when missing) the panel file; <paramref name="peselKey"/> makes the PESEL
    /// digests the panel keys its people by.
    /// </summary>
    public static Task<LocalPanel> Open(string path, bool updateBasicData,
        TimeProvider clock, PeselKey peselKey, CancellationToken cancel) =>
        Open(PanelDatabase.SqliteFile(path), updateBasicData, clock, peselKey, cancel);

    /// <summary>
    /// Opens the panel in <paramref name="database"/> (an SQLite file or a PostgreSQL schema),
    /// creating its tables when missing: the same statements and rules on either.
    /// </summary>
    public static async Task<LocalPanel> Open(PanelDatabase database, bool updateBasicData,
        TimeProvider clock, PeselKey peselKey, CancellationToken cancel)
    {
        await using var connection = await database.Connect(cancel).ConfigureAwait(false);
        await PanelSchema.Ensure(connection, database.Dialect, cancel).ConfigureAwait(false);
        return new LocalPanel(database, updateBasicData, clock, peselKey);
    }

    /// <summary>
    /// Moves the rows of a firm written under unkeyed PESEL digests to keyed ones
    /// (<see cref="Journal.PeselRekey"/>): people, activations and contributions keep their
    /// fields and approvals under their new keys; returns how many rows changed.
    /// </summary>
    public async Task<int> Rekey(Nip firm, Journal.PeselRekey rekey, CancellationToken cancel)
    {
        if (rekey.IsEmpty) return 0;
        await using var opened = await Lease(cancel).ConfigureAwait(false);
        // only the embedded panel file held unkeyed digests: a panel server never had them
        var connection = opened.Connection as SqliteConnection
            ?? throw new InvalidOperationException("PESEL digests are rekeyed in a panel file only");
        // a moved panel (every sync after the first) is only read
        if (!await rekey.Finds(connection, NeedsRekeySql,
                c => c.With("$firm", firm.Value), cancel).ConfigureAwait(false))
            return 0;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var changed = 0;
        foreach (var (old, @new) in rekey.Digests)
            foreach (var sql in RekeySql)
                await using (var cmd = connection.Command(sql, tx).With("$firm", firm.Value)
                    .With("$old", old).With("$new", @new))
                    changed += await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        foreach (var (factKey, oldHash, newHash) in rekey.Hashes)
            await using (var cmd = connection.Command(RekeyHashSql, tx).With("$key", factKey)
                .With("$old", oldHash).With("$new", newHash))
                changed += await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return changed;
    }

    // Each table's rows under the old digest take the new one; where a row under the new digest
    // is already there (written since), it is kept and the old row goes.
    private static readonly string[] RekeySql =
    [
        """
        UPDATE OR IGNORE people SET person_key = 'pesel:' || $new, pesel_digest = $new
        WHERE firm_nip = $firm AND pesel_digest = $old
        """,
        "DELETE FROM people WHERE firm_nip = $firm AND pesel_digest = $old",
        """
        UPDATE OR IGNORE activations_sent SET person_key = 'pesel:' || $new
        WHERE firm_nip = $firm AND person_key = 'pesel:' || $old
        """,
        "DELETE FROM activations_sent WHERE firm_nip = $firm AND person_key = 'pesel:' || $old",
        """
        UPDATE OR IGNORE zus SET payer_key = 'pesel:' || $new,
            fact_key = substr(fact_key, 1, length(fact_key) - length('pesel:' || $old)) || 'pesel:' || $new
        WHERE firm_nip = $firm AND payer_key = 'pesel:' || $old
        """,
        "DELETE FROM zus WHERE firm_nip = $firm AND payer_key = 'pesel:' || $old",
    ];

    // CROSS JOIN: the JSON lists are the outer loops, as in PeselRekey's journal check.
    private const string NeedsRekeySql = """
        SELECT EXISTS (SELECT 1 FROM json_each($olds) d
                       CROSS JOIN people p WHERE p.firm_nip = $firm AND p.pesel_digest = d.value)
            OR EXISTS (SELECT 1 FROM json_each($olds) d
                       CROSS JOIN activations_sent a WHERE a.firm_nip = $firm AND a.person_key = 'pesel:' || d.value)
            OR EXISTS (SELECT 1 FROM json_each($olds) d
                       CROSS JOIN zus z WHERE z.firm_nip = $firm AND z.payer_key = 'pesel:' || d.value)
            OR EXISTS (SELECT 1 FROM json_each($hashes) h
                       CROSS JOIN zus z WHERE z.fact_key = json_extract(h.value, '$[0]')
                                 AND z.content_hash = json_extract(h.value, '$[1]'))
        """;

    private const string RekeyHashSql =
        "UPDATE zus SET content_hash = $new WHERE fact_key = $key AND content_hash = $old";

    public Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel) =>
        Deliver(batch, PeselDigests.Keyed(peselKey), cancel);

    /// <summary>
    /// Applies a batch whose people carry their PESEL digests as <paramref name="digests"/>
    /// gives them (a panel server: no PESEL arrives).
    /// </summary>
    public async Task<SinkReceipt> Deliver(DeliveryBatch batch, PeselDigests digests, CancellationToken cancel) =>
        (await Apply(batch, digests, null, cancel).ConfigureAwait(false)).Receipt;

    /// <summary>
    /// Applies a batch once under its protocol id <paramref name="deliveryId"/>: a batch the panel
    /// already applied changes nothing, and the receipt it gave then is returned again
    /// (<c>Repeated</c>). The receipt is kept in the transaction of the batch.
    /// </summary>
    public Task<(SinkReceipt Receipt, bool Repeated)> DeliverOnce(DeliveryBatch batch, PeselDigests digests,
        string deliveryId, CancellationToken cancel) =>
        Apply(batch, digests, deliveryId, cancel);

    /// <summary>
    /// Applies the batches in their order in one transaction (all or none); each advances the
    /// generation, and its receipt carries the mark after it.
    /// </summary>
    public async Task<IReadOnlyList<SinkReceipt>> DeliverAll(IReadOnlyList<DeliveryBatch> batches, CancellationToken cancel)
    {
        var receipts = new List<SinkReceipt>(batches.Count);
        if (batches.Count == 0) return receipts;
        await using var lease = await Lease(cancel).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var digests = PeselDigests.Keyed(peselKey);
        foreach (var batch in batches)
            receipts.Add((await Apply(connection, tx, batch, digests, null, cancel).ConfigureAwait(false)).Receipt);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return receipts;
    }

    private async Task<(SinkReceipt Receipt, bool Repeated)> Apply(DeliveryBatch batch, PeselDigests digests,
        string? deliveryId, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var tx = await connection
            .BeginTransactionAsync(cancel).ConfigureAwait(false);
        var applied = await Apply(connection, tx, batch, digests, deliveryId, cancel).ConfigureAwait(false);
        if (!applied.Repeated) await tx.CommitAsync(cancel).ConfigureAwait(false);
        return applied;
    }

    private async Task<(SinkReceipt Receipt, bool Repeated)> Apply(DbConnection connection, DbTransaction tx,
        DeliveryBatch batch, PeselDigests digests, string? deliveryId, CancellationToken cancel)
    {
        if (deliveryId is not null)
        {
            await using var read = connection.Command(PanelSchema.ReadReceipt, tx).With("@id", deliveryId);
            await using var rdr = await read.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (await rdr.ReadAsync(cancel).ConfigureAwait(false))
                return (new SinkReceipt(Name, batch.Run, rdr.Int(0),
                    new PanelMark(rdr.GetString(1), rdr.Long(2))), true);
        }
        var write = new PanelWrite(connection, tx, batch, updateBasicData, clock.GetUtcNow(), digests);
        foreach (var item in batch.Items)
        {
            CheckBelongs(batch, item.Fact);
            await write.Upsert(item.Fact, cancel).ConfigureAwait(false);
        }
        var mark = await ReadMark(connection, tx, PanelSchema.AdvanceMark, cancel).ConfigureAwait(false);
        if (deliveryId is not null)
            await using (var keep = connection.Command(PanelSchema.InsertReceipt, tx).With("@id", deliveryId)
                .With("@applied", batch.Items.Count).With("@identity", mark.Identity)
                .With("@generation", mark.Generation))
                await keep.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return (new SinkReceipt(Name, batch.Run, batch.Items.Count, mark), false);
    }

    public async Task<PanelMark?> Mark(CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        return await ReadMark(connection, null, PanelSchema.ReadMark, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The mark of the panel file at <paramref name="path"/> read without creating or changing
    /// anything; null when there is no file or the file holds no mark.
    /// </summary>
    public static async Task<PanelMark?> PeekMark(string path, CancellationToken cancel)
    {
        if (!File.Exists(path)) return null;
        var read = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(read);
        await connection.OpenAsync(cancel).ConfigureAwait(false);
        await using (var has = connection.Command(PanelSchema.HasMark, null))
            if ((long)(await has.ExecuteScalarAsync(cancel).ConfigureAwait(false) ?? 0L) == 0) return null;
        await using var cmd = connection.Command(PanelSchema.ReadMark, null);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? new PanelMark(rdr.GetString(0), rdr.Long(1))
            : null;
    }

    private static async Task<PanelMark> ReadMark(DbConnection connection, DbTransaction? tx,
        string sql, CancellationToken cancel)
    {
        await using var cmd = connection.Command(sql, tx);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await rdr.ReadAsync(cancel).ConfigureAwait(false))
            throw new InvalidDataException("the panel has no identity row (panel_mark)");
        return new PanelMark(rdr.GetString(0), rdr.Long(1));
    }

    // A fact of another firm or kind in a batch is a bug upstream: the batch is refused whole.
    private static void CheckBelongs(DeliveryBatch batch, Fact fact)
    {
        if (fact.Key.Firm != batch.Firm || fact.Key.Kind != batch.Kind)
            throw new ArgumentException(
                $"fact {fact.Key.Text} does not belong to the group {batch.Firm}/{batch.Kind.Code()}",
                nameof(batch));
    }

    private Task<DbConnection> Connect(CancellationToken cancel) => database.Connect(cancel);

    /// <summary>
    /// Keeps one connection open until the result is disposed: a sync's reads of people, its PESEL
    /// re-keying and its batches (<see cref="PeopleIdentities"/>, <see cref="Rekey"/>,
    /// <see cref="DeliverAll"/>) then use it instead of opening the file each time, and its
    /// statements stay prepared (<see cref="DbCommands.Prepared"/>). Those three are called by one
    /// caller at a time while held (the sync's group step); the other methods open their own.
    /// </summary>
    public async Task<IAsyncDisposable> Hold(CancellationToken cancel)
    {
        if (held is not null) throw new InvalidOperationException("the panel's connection is held already");
        held = await Connect(cancel).ConfigureAwait(false);
        return new Release(this);
    }

    private sealed class Release(LocalPanel panel) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (panel.held is not { } connection) return;
            panel.held = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The held connection (<see cref="Hold"/>), or one opened for the caller and closed with the lease.</summary>
    private async Task<Leased> Lease(CancellationToken cancel) =>
        held is { } connection ? new Leased(connection, false) : new Leased(await Connect(cancel).ConfigureAwait(false), true);

    private readonly record struct Leased(DbConnection Connection, bool Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;
    }
}
