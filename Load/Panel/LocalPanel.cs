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
public sealed partial class LocalPanel : IPanelSink
{
    private readonly string path;
    private readonly bool updateBasicData;
    private readonly TimeProvider clock;

    private LocalPanel(string path, bool updateBasicData, TimeProvider clock) =>
        (this.path, this.updateBasicData, this.clock) = (path, updateBasicData, clock);

    public const string DefaultName = "local-panel";

    public string Name => DefaultName;

    /// <summary>Opens (creating when missing) the panel file.</summary>
    public static async Task<LocalPanel> Open(string path, bool updateBasicData,
        TimeProvider clock, CancellationToken cancel)
    {
        await using var connection = await SqliteFile.Open(path, cancel).ConfigureAwait(false);
        await PanelSchema.Ensure(connection, cancel).ConfigureAwait(false);
        return new LocalPanel(path, updateBasicData, clock);
    }

    public async Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancel).ConfigureAwait(false);
        var write = new PanelWrite(connection, tx, batch, updateBasicData, clock.GetUtcNow());
        foreach (var item in batch.Items)
        {
            CheckBelongs(batch, item.Fact);
            await write.Upsert(item.Fact, cancel).ConfigureAwait(false);
        }
        var mark = await ReadMark(connection, tx, PanelSchema.AdvanceMark, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return new SinkReceipt(Name, batch.Run, batch.Items.Count, mark);
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
            ? new PanelMark(rdr.GetString(0), rdr.GetInt64(1))
            : null;
    }

    private static async Task<PanelMark> ReadMark(SqliteConnection connection, SqliteTransaction? tx,
        string sql, CancellationToken cancel)
    {
        await using var cmd = connection.Command(sql, tx);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await rdr.ReadAsync(cancel).ConfigureAwait(false))
            throw new InvalidDataException("the panel has no identity row (panel_mark)");
        return new PanelMark(rdr.GetString(0), rdr.GetInt64(1));
    }

    // A fact of another firm or kind in a batch is a bug upstream: the batch is refused whole.
    private static void CheckBelongs(DeliveryBatch batch, Fact fact)
    {
        if (fact.Key.Firm != batch.Firm || fact.Key.Kind != batch.Kind)
            throw new ArgumentException(
                $"fact {fact.Key.Text} does not belong to the group {batch.Firm}/{batch.Kind.Code()}",
                nameof(batch));
    }

    private Task<SqliteConnection> Connect(CancellationToken cancel) =>
        SqliteFile.Open(path, cancel);
}
