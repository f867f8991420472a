using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>
/// Groups written together (<see cref="Loader.DeliverAll"/>: one staging transaction, the panel's
/// one transaction, one confirmation) give the panel that writing them one by one gives, also when
/// the run dies at any point of a batch and the next run recovers and loads again.
/// </summary>
[Properties(Arbitrary = [typeof(LoadGens)], MaxTest = 25)]
public class LoaderBatchProperties
{
    [Property]
    public void Batches_cut_by_crashes_at_any_point_then_recovered_give_the_panel_of_loads_one_by_one(LoadStep[] steps)
    {
        using var folder = new TempFolder();
        var (clean, crashy) = (new LoadRig(folder, "clean"), new LoadRig(folder, "crashy"));

        OneByOne(clean, steps).GetAwaiter().GetResult();
        BatchedWithCrashes(crashy, steps).GetAwaiter().GetResult();

        Assert.Equal(clean.Export().GetAwaiter().GetResult(), crashy.Export().GetAwaiter().GetResult());
        Assert.Equal(0, Pending(crashy).GetAwaiter().GetResult());
    }

    private static async Task OneByOne(LoadRig rig, LoadStep[] steps)
    {
        await using var loader = await rig.Loader();
        var panel = await rig.Panel();
        for (var i = 0; i < steps.Length; i++)
            await loader.Load(Run($"r{i}"), panel.Name, steps[i].Command(), panel, default);
    }

    // A batch holds distinct (firm, kind) groups, as a sync's does; after a crash the next start
    // recovers, then the batch's commands are loaded again.
    private static async Task BatchedWithCrashes(LoadRig rig, LoadStep[] steps)
    {
        var i = 0;
        foreach (var batch in Batches(steps))
        {
            var run = Run($"r{i++}");
            var crash = batch[0].Crash;
            if (crash != 0)
            {
                await Die(rig, run, batch, crash);
                await using var restarted = await rig.Loader();
                await restarted.Recover(LocalPanel.DefaultName, await rig.Panel(), default);
            }
            await using var loader = await rig.Loader();
            var panel = await rig.Panel();
            await loader.DeliverAll(panel.Name, await Decide(loader, run, batch), panel, default);
        }
    }

    private static async Task Die(LoadRig rig, RunId run, List<LoadStep> batch, int crash)
    {
        using var cancel = new CancellationTokenSource();
        await using var loader = await rig.Loader();
        var panel = await rig.Panel();
        var batches = await Decide(loader, run, batch);
        if (crash == 1) await cancel.CancelAsync();
        IPanelSink sink = crash switch
        {
            2 => new CrashAfter(panel, batches.Count / 2),   // some batches applied one by one, then dead
            3 => new CrashAfterAll(panel),                     // the panel's one transaction committed, not confirmed
            _ => panel,                                        // 1: stopped before staging
        };
        try
        {
            await loader.DeliverAll(panel.Name, batches, sink, cancel.Token);
        }
        catch (Exception e) when (e is SimulatedCrash or OperationCanceledException)
        {
        }
    }

    private static async Task<List<DeliveryBatch>> Decide(Loader loader, RunId run, List<LoadStep> batch)
    {
        var batches = new List<DeliveryBatch>();
        foreach (var step in batch)
        {
            var command = step.Command();
            var journal = await loader.ReadJournal(LocalPanel.DefaultName, command.Firm, command.Kind, default);
            batches.Add(Loader.Batch(run, command, LoadPlan.Decide(command, journal, wantsUnchanged: false)));
        }
        return batches;
    }

    /// <summary>The steps in order, cut where a (firm, kind) group would repeat within a batch.</summary>
    private static List<List<LoadStep>> Batches(LoadStep[] steps)
    {
        var batches = new List<List<LoadStep>> { new() };
        foreach (var step in steps)
        {
            if (batches[^1].Exists(s => s.Firm == step.Firm && s.Kind == step.Kind)) batches.Add([]);
            batches[^1].Add(step);
        }
        return batches;
    }

    private static async Task<long> Pending(LoadRig rig)
    {
        await using var loader = await rig.Loader();
        return await loader.Waiting(LocalPanel.DefaultName, default);
    }

    /// <summary>Applies <paramref name="applied"/> batches one by one, then dies.</summary>
    private sealed class CrashAfter(IPanelSink inner, int applied) : IPanelSink
    {
        private int _count;
        public string Name => inner.Name;

        public async Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel)
        {
            if (_count++ == applied) throw new SimulatedCrash();
            return await inner.Deliver(batch, cancel);
        }

        public Task<PanelMark?> Mark(CancellationToken cancel) => inner.Mark(cancel);
    }

    /// <summary>Applies all batches in the panel's one transaction, then dies before the receipts reach the loader.</summary>
    private sealed class CrashAfterAll(LocalPanel inner) : IPanelSink
    {
        public string Name => inner.Name;

        public Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel) => inner.Deliver(batch, cancel);

        public async Task<IReadOnlyList<SinkReceipt>> DeliverAll(IReadOnlyList<DeliveryBatch> batches, CancellationToken cancel)
        {
            await inner.DeliverAll(batches, cancel);
            throw new SimulatedCrash();
        }

        public Task<PanelMark?> Mark(CancellationToken cancel) => inner.Mark(cancel);
    }
}
