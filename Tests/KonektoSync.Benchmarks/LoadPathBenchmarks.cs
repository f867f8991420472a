using BenchmarkDotNet.Attributes;
using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Benchmarks;

/// <summary>
/// The load path alone, as a sync runs it per (firm, data kind) group: the journal read, the pure
/// decision (<see cref="LoadPlan.Decide"/>) and the write (outbox staged, the local panel's
/// delivery, the confirmation), into a new data folder (<see cref="FullLoad"/>) and again with
/// nothing changed (<see cref="NoChangeLoad"/>). The baseline inserts the same rows (key, hash,
/// body) raw into a new SQLite file in one transaction.
/// </summary>
[MemoryDiagnoser]
public class LoadPathBenchmarks
{
    private static readonly RunId Run = RunId.Create("20240315T120000Z-bench").Match(r => r, _ => throw new InvalidOperationException());
    private static readonly PeselSeal Seal = new(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly PeselKey Key = PeselKey.Of(new byte[PeselKey.Size]);
    private static readonly Period From = Period.Create(2024, 1).Match(p => p, _ => throw new InvalidOperationException());
    private static readonly Period To = Period.Create(2024, 12).Match(p => p, _ => throw new InvalidOperationException());

    private List<LoadCommand> _commands = [];
    private string _root = "";
    private string _loaded = "";

    /// <summary>Groups of a run: each one firm's taxes of a year (12 months × 3 declarations = 36 facts).</summary>
    [Params(200)]
    public int Groups { get; set; }

    [GlobalSetup]
    public void Make()
    {
        _commands = Enumerable.Range(0, Groups).Select(Command).ToList();
        _root = Path.Combine(Path.GetTempPath(), "konektosync-bench-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        _loaded = Folder();
        Load(_loaded, 64).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Clean()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>The baseline: the same rows (key, hash, body) inserted raw, one transaction, a new file.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RawInsert()
    {
        var folder = Folder();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "raw.db")};Pooling=False");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " +
                "CREATE TABLE facts (fact_key TEXT PRIMARY KEY, content_hash TEXT NOT NULL, body TEXT NOT NULL)";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO facts VALUES ($key, $hash, $body)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var rows = 0;
        foreach (var f in _commands.SelectMany(c => c.Facts))
        {
            (key.Value, hash.Value, body.Value) = (f.Key.Text, f.ContentHash, FactJson.Write(f, Seal));
            rows += await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return rows;
    }

    /// <summary>Every group new, written one by one: journal read, decision, staged, delivered to the local panel, confirmed.</summary>
    [Benchmark]
    public Task<int> FullLoad() => Load(Folder(), 1);

    /// <summary>Every group new, written in batches of 64 groups as a sync does (<c>GroupStep.BatchGroups</c>).</summary>
    [Benchmark]
    public Task<int> FullLoadBatched() => Load(Folder(), 64);

    /// <summary>The same groups again: every fact unchanged, nothing delivered.</summary>
    [Benchmark]
    public Task<int> NoChangeLoad() => Load(_loaded, 64);

    private async Task<int> Load(string folder, int batchGroups)
    {
        var cancel = CancellationToken.None;
        await using var loader = await Loader.Open(Path.Combine(folder, "konektosync.db"), TimeProvider.System, Seal, cancel);
        var panel = await LocalPanel.Open(Path.Combine(folder, "panel.db"), false, TimeProvider.System, Key, cancel);
        await loader.Reconcile(LocalPanel.DefaultName, panel, cancel);
        await loader.Recover(LocalPanel.DefaultName, panel, cancel);
        var sent = 0;
        var held = new List<DeliveryBatch>();
        foreach (var command in _commands)
        {
            var journal = await loader.ReadJournal(LocalPanel.DefaultName, command.Firm, command.Kind, cancel);
            var plan = LoadPlan.Decide(command, journal, wantsUnchanged: false);
            var batch = Loader.Batch(Run, command, plan);
            if (batch.Items.Count > 0) held.Add(batch);
            sent += batch.Items.Count;
            if (held.Count < batchGroups) continue;
            await loader.DeliverAll(LocalPanel.DefaultName, held, panel, cancel);
            held.Clear();
        }
        await loader.DeliverAll(LocalPanel.DefaultName, held, panel, cancel);
        return sent;
    }

    private string Folder()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static LoadCommand Command(int i)
    {
        var firm = FirmNip(i);
        var facts = Enumerable.Range(0, 12).SelectMany(m => new[] { TaxKind.Vat7, TaxKind.Pit4, TaxKind.Pit8A }
            .Select(k => Tax(firm, k, Month(m), 100m + i + m))).ToSeq();
        return new LoadCommand(firm, DataKind.Taxes, facts, Approve: false) { Months = (From, To) };
    }

    private static Period Month(int m) => Period.Create(2024, m + 1).Match(p => p, _ => throw new InvalidOperationException());

    private static Fact Tax(Nip firm, TaxKind kind, Period period, decimal amount)
    {
        var key = new FactKey(firm, DataKind.Taxes, Some(period), kind.Code());
        var body = new FactBody.Tax(new TaxLiability(firm, kind, period, Money.Pln(amount)), period.Next.FirstDay.AddDays(24));
        var unhashed = new Fact(key, body, ProgramId.Raks, "");
        return unhashed with { ContentHash = Hashing.Hex(FactJson.Write(unhashed)) };
    }

    /// <summary>A valid NIP (check digit by the weights 6 5 7 2 3 4 5 6 7) for every index.</summary>
    private static Nip FirmNip(int i)
    {
        for (var n = 100_000_000L + i * 10L; ; n++)
        {
            var digits = n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            int[] w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
            var check = digits.Select((d, j) => (d - '0') * w[j]).Sum() % 11;
            if (check == 10) continue;
            var nip = Nip.Create(digits + check);
            if (nip.IsSuccess) return nip.Match(x => x, _ => throw new InvalidOperationException());
        }
    }
}
