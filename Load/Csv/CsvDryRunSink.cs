using KonektoSync.Domain;
using KonektoSync.Load.Sinks;

namespace KonektoSync.Load.Csv;

/// <summary>
/// The dry run: what a load would send, as CSV files in a folder (basic.csv, zus.csv,
/// taxes.csv, statements.csv), each row marked new / changed / unchanged against the real
/// panel's journal. Rows are kept by natural key, so a batch delivered twice gives the same
/// files; each file is rewritten whole, in key order, after every batch.
/// </summary>
public sealed class CsvDryRunSink : IPanelSink
{
    private readonly string folder;
    private readonly Dictionary<DataKind, SortedDictionary<string, IReadOnlyList<IReadOnlyList<string>>>> rows;
    private readonly SemaphoreSlim gate = new(1, 1);

    private CsvDryRunSink(string folder)
    {
        this.folder = folder;
        rows = DataKinds.All.ToDictionary(k => k,
            _ => new SortedDictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal));
    }

    public string Name => "csv-dry-run";
    public bool WantsUnchanged => true;
    public bool IsDryRun => true;

    /// <summary>Creates the folder and writes the four files with their headers only.</summary>
    public static async Task<CsvDryRunSink> Create(string folder, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var sink = new CsvDryRunSink(folder);
        foreach (var kind in DataKinds.All)
            await sink.Rewrite(kind, cancel).ConfigureAwait(false);
        return sink;
    }

    /// <summary>The path of a data kind's file.</summary>
    public string PathOf(DataKind kind) => Path.Combine(folder, CsvRows.FileOf(kind));

    public async Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel)
    {
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            foreach (var item in batch.Items)
                rows[batch.Kind][item.Fact.Key.Text] = CsvRows.Of(item, batch.Approve);
            await Rewrite(batch.Kind, cancel).ConfigureAwait(false);
            return new SinkReceipt(Name, batch.Run, batch.Items.Count);
        }
        finally
        {
            gate.Release();
        }
    }

    private Task Rewrite(DataKind kind, CancellationToken cancel) =>
        CsvTable.Write(PathOf(kind), CsvRows.HeaderOf(kind),
            rows[kind].Values.SelectMany(r => r), cancel);
}
