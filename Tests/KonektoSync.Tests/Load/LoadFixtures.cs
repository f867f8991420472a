using KonektoSync.Domain;
using KonektoSync.Load.Csv;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Load;

/// <summary>Facts, commands and a scratch folder for the load tests.</summary>
internal static class LoadFixtures
{
    public static readonly Nip FirmA = NipOf("1234563218");
    public static readonly Nip FirmB = NipOf("8567346215");
    public static readonly Nip FirmC = NipOf("5260250274");
    public static readonly Nip[] Firms = [FirmA, FirmB, FirmC];
    public static readonly DateTimeOffset Noon = new(2024, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static Nip NipOf(string raw) =>
        Nip.Create(raw).Match(n => n, es => throw new ArgumentException(es.Head.Message));

    public static Period Month(int year, int month) =>
        Period.Create(year, month).Match(p => p, es => throw new ArgumentException(es.Head.Message));

    public static Pesel PeselOf(string raw) =>
        Pesel.Create(raw).Match(p => p, es => throw new ArgumentException(es.Head.Message));

    public static RunId Run(string id) =>
        RunId.Create(id).Match(r => r, es => throw new ArgumentException(es.Head.Message));

    public static Money Pln(decimal amount) => Money.Pln(amount);

    public static Fact Zus(Nip firm, Period period, decimal total)
    {
        var m = Pln(total / 10);
        var c = new ZusContribution(firm, PayerKey.Employees, PayerType.Other, period,
            new ZusComponents(m, m, m, m, m, m, m, m, Pln(total)), ZusOrigin.Filed);
        var key = new FactKey(firm, DataKind.Zus, Some(period), c.Payer.Key);
        return Make(key, new FactBody.Zus(c, period.Next.FirstDay.AddDays(14)));
    }

    public static Fact Tax(Nip firm, TaxKind kind, Period period, decimal amount)
    {
        var key = new FactKey(firm, DataKind.Taxes, Some(period), kind.Code());
        var body = new FactBody.Tax(new TaxLiability(firm, kind, period, Pln(amount)),
            period.Next.FirstDay.AddDays(24));
        return Make(key, body);
    }

    public static Fact TrialBalance(Nip firm, Period period, string account, decimal closing)
    {
        var z = Money.Zero;
        var line = new TrialBalanceLine(firm, period, account, $"Konto {account}",
            z, z, Pln(closing), z, Pln(closing), z, Pln(closing), z);
        var key = new FactKey(firm, DataKind.Statements, Some(period), $"tb:{account}");
        return Make(key, new FactBody.TrialBalance(line));
    }

    public static Fact TaxBook(Nip firm, Period period, decimal revenue)
    {
        var s = new TaxBookSummary(firm, period, Pln(revenue), Pln(revenue / 2),
            Pln(revenue / 2), Pln(revenue * 3), Pln(revenue), Pln(revenue * 2));
        var key = new FactKey(firm, DataKind.Statements, Some(period), "kpir");
        return Make(key, new FactBody.TaxBook(s));
    }

    public static Fact Basic(Nip firm, string name, string? email, params Person[] people)
    {
        var f = new Firm(firm, name, None, "ul. Długa 1, 00-001 Warszawa", Optional(email),
            Some("+48 600 100 200"), people.ToSeq());
        return Make(new FactKey(firm, DataKind.Basic, None, "firm"), new FactBody.BasicData(f));
    }

    public static Person Owner(string first, string last, string? pesel, string? email) =>
        new(first, last, pesel is null ? None : Some(PeselOf(pesel)), None,
            Optional(email), None, PersonRole.Owner);

    public static Fact Make(FactKey key, FactBody body)
    {
        var unhashed = new Fact(key, body, ProgramId.Optima, "");
        return unhashed with { ContentHash = Hashing.Hex(FactJson.Write(unhashed)) };
    }

    public static LoadCommand Command(DataKind kind, params Fact[] facts) =>
        new(facts[0].Key.Firm, kind, facts.ToSeq(), Approve: false);

    public static DeliveryBatch Batch(RunId run, LoadCommand c, FactStatus status) =>
        new(run, c.Firm, c.Kind, c.Approve,
            c.Facts.Map(f => new DeliveryItem(f, status)).ToList());
}

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
        "konektosync-load-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>A panel and a loader on fresh files, as a run sees them.</summary>
internal sealed class LoadRig(TempFolder folder, string name)
{
    public string StateDb => folder.File($"{name}-konektosync.db");
    public string PanelDb => folder.File($"{name}-panel.db");

    public Task<Loader> Loader() => KonektoSync.Load.Journal.Loader.Open(
        StateDb, TimeProvider.System, TestSeal, CancellationToken.None);

    public static readonly PeselSeal TestSeal = new(Enumerable.Repeat((byte)7, 32).ToArray());

    public Task<LocalPanel> Panel(bool updateBasicData = true) =>
        LocalPanel.Open(PanelDb, updateBasicData, TimeProvider.System, TestKeys.Pesel, CancellationToken.None);

    public async Task<IReadOnlyDictionary<string, byte[]>> Export()
    {
        var panel = await Panel();
        var dir = folder.File($"{name}-export-{Guid.NewGuid():N}");
        var files = await panel.ExportCsv(dir, CancellationToken.None);
        return files.ToDictionary(f => System.IO.Path.GetFileName(f), f => System.IO.File.ReadAllBytes(f));
    }

    public Task<CsvDryRunSink> DryRun() =>
        CsvDryRunSink.Create(folder.File($"{name}-dry-run"), CancellationToken.None);
}

/// <summary>Where a test sink makes the run die.</summary>
public enum CrashPoint { None, BeforeDelivery, AfterDelivery }

/// <summary>A sink that passes batches on and can die before or after its inner sink applied one.</summary>
internal sealed class CrashingSink(IPanelSink inner, CrashPoint crash) : IPanelSink
{
    public string Name => inner.Name;
    public List<DeliveryBatch> Delivered { get; } = [];

    public async Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel)
    {
        if (crash == CrashPoint.BeforeDelivery) throw new SimulatedCrash();
        var receipt = await inner.Deliver(batch, cancel);
        Delivered.Add(batch);
        if (crash == CrashPoint.AfterDelivery) throw new SimulatedCrash();
        return receipt;
    }

    public Task<PanelMark?> Mark(CancellationToken cancel) => inner.Mark(cancel);
}

internal sealed class SimulatedCrash() : Exception("simulated crash");
