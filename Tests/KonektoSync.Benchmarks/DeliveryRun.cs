using System.Diagnostics;
using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Remote;
using KonektoSync.Load.Sinks;
using KonektoSync.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Benchmarks;

/// <summary>
/// Delivery to the panel: the batches of N firms (basic data, 12 ZUS, 24 taxes and 12 tax-book
/// months each: four batches, 49 facts a firm) delivered to the local panel (an SQLite file) and,
/// in the same run, to the panel server (Kestrel on a loopback port, SQLite store) through
/// <see cref="HttpPanelSink"/>, one batch per request as the loader sends them.
/// Usage: <c>delivery N</c>; prints the time, firms per second and CPU time of each, and the ratio.
/// </summary>
public static class DeliveryRun
{
    private static readonly PeselKey Key = PeselKey.Of(Enumerable.Range(1, PeselKey.Size).Select(i => (byte)i).ToArray());

    public static int Run(string[] args)
    {
        var firms = args.Length == 1 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var dir = Directory.CreateTempSubdirectory("konektosync-delivery-").FullName;
        try
        {
            return Measure(dir, firms).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> Measure(string dir, int firms)
    {
        var run = RunId.Create("bench-delivery").Match(r => r, e => throw new InvalidOperationException(e.Head.Message));
        var batches = Nips(firms).SelectMany((nip, i) => BatchesOf(run, nip, i)).ToList();

        var local = await LocalPanel.Open(Path.Combine(dir, "panel.db"), updateBasicData: true, TimeProvider.System, Key, default);
        var localTime = await Deliver(local, batches);

        var store = (await ServerStore.Open(Path.Combine(dir, "server.db"), default))
            .Match(s => s, p => throw new InvalidOperationException(p.Message));
        var app = PanelServer.Build(new PanelServerOptions(store, "http://127.0.0.1:0") { ConsoleLog = false });
        await app.StartAsync();
        try
        {
            var token = (await store.AddOffice("Biuro", DateTimeOffset.UtcNow, default))
                .Match(o => o.Token, p => throw new InvalidOperationException(p.Message));
            using var http = new HttpPanelSink(new Uri(app.Urls.First()), token, Key, updateBasicData: true);
            var httpTime = await Deliver(http, batches);
            Console.WriteLine(FormattableString.Invariant(
                $"firms={firms} batches={batches.Count} local={localTime.Wall.TotalSeconds:0.00}s ({firms / localTime.Wall.TotalSeconds:0} firms/s, CPU {localTime.Cpu.TotalSeconds:0.00}s) server={httpTime.Wall.TotalSeconds:0.00}s ({firms / httpTime.Wall.TotalSeconds:0} firms/s, CPU {httpTime.Cpu.TotalSeconds:0.00}s, client and server) ratio={httpTime.Wall / localTime.Wall:0.00}"));
        }
        finally
        {
            await app.StopAsync();
        }
        return 0;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> Deliver(IPanelSink sink, IReadOnlyList<DeliveryBatch> batches)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var b in batches) await sink.Deliver(b, default);
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpu);
    }

    private static IEnumerable<Nip> Nips(int count)
    {
        int[] weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
        for (var n = 100_000_000; count > 0; n++)
        {
            var digits = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var check = digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
            if (check == 10) continue;
            var nip = Nip.Create(digits + check);
            if (nip.IsFail) continue;
            count--;
            yield return nip.Match(x => x, _ => throw new InvalidOperationException());
        }
    }

    private static IEnumerable<DeliveryBatch> BatchesOf(RunId run, Nip firm, int index)
    {
        var months = Enumerable.Range(1, 12).Select(m => Period.Create(2025, m).Match(p => p, e => throw new InvalidOperationException(e.Head.Message))).ToList();
        var basic = new Firm(firm, $"Firma {index}", None, "ul. Długa 1, 00-001 Warszawa", Some("biuro@example.com"), Some("+48 600 100 200"), Seq<Person>());
        var outbox = index * 4L;
        DeliveryBatch Batch(DataKind kind, IEnumerable<Fact> facts) =>
            new(run, firm, kind, false, facts.Select(f => new DeliveryItem(f, FactStatus.New)).ToList()) { OutboxId = ++outbox };
        yield return Batch(DataKind.Basic, [Make(new FactKey(firm, DataKind.Basic, None, "firm"), new FactBody.BasicData(basic))]);
        yield return Batch(DataKind.Zus, months.Select(p =>
        {
            var m = Money.Pln(100 + index % 50);
            var c = new ZusContribution(firm, PayerKey.Employees, PayerType.Other, p,
                new ZusComponents(m, m, m, m, m, m, m, m, Money.Pln(800 + index % 50 * 8)), ZusOrigin.Filed);
            return Make(new FactKey(firm, DataKind.Zus, Some(p), c.Payer.Key), new FactBody.Zus(c, p.Next.FirstDay.AddDays(14)));
        }));
        yield return Batch(DataKind.Taxes, months.SelectMany(p => new[] { TaxKind.Vat7, TaxKind.Pit4 }.Select(k =>
            Make(new FactKey(firm, DataKind.Taxes, Some(p), k.Code()),
                new FactBody.Tax(new TaxLiability(firm, k, p, Money.Pln(1000 + index % 97)), p.Next.FirstDay.AddDays(24))))));
        yield return Batch(DataKind.Statements, months.Select(p =>
        {
            var r = Money.Pln(10_000 + index % 13);
            return Make(new FactKey(firm, DataKind.Statements, Some(p), "kpir"),
                new FactBody.TaxBook(new TaxBookSummary(firm, p, r, r, r, r, r, r)));
        }));
    }

    private static Fact Make(FactKey key, FactBody body)
    {
        var unhashed = new Fact(key, body, ProgramId.Optima, "");
        return unhashed with { ContentHash = Hashing.Hex(FactJson.Write(unhashed)) };
    }
}
