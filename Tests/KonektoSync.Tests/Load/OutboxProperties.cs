using FsCheck;
using FsCheck.Xunit;
using KonektoSync.Load.Journal;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

[Properties(Arbitrary = [typeof(LoadGens)], MaxTest = 25)]
public class OutboxProperties
{
    [Property]
    public void Loads_with_crashes_then_recovery_give_the_panel_of_a_clean_run(LoadStep[] steps)
    {
        using var folder = new TempFolder();
        var (clean, crashy) = (new LoadRig(folder, "clean"), new LoadRig(folder, "crashy"));

        RunClean(clean, steps).GetAwaiter().GetResult();
        RunWithCrashes(crashy, steps).GetAwaiter().GetResult();

        Assert.Equal(clean.Export().GetAwaiter().GetResult(),
            crashy.Export().GetAwaiter().GetResult());
    }

    private static async Task RunClean(LoadRig rig, LoadStep[] steps)
    {
        var (loader, panel) = (await rig.Loader(), await rig.Panel());
        for (var i = 0; i < steps.Length; i++)
            await loader.Load(Run($"r{i}"), panel.Name, steps[i].Command(), panel, default);
    }

    // After a crash the next start recovers, then the interrupted command is run again.
    private static async Task RunWithCrashes(LoadRig rig, LoadStep[] steps)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i].Crash != 0)
            {
                await Die(rig, $"r{i}", steps[i]);
                await (await rig.Loader()).Recover("local-panel", await rig.Panel(), default);
            }
            var panel = await rig.Panel();
            await (await rig.Loader()).Load(Run($"r{i}b"), panel.Name, steps[i].Command(), panel, default);
        }
    }

    private static async Task Die(LoadRig rig, string run, LoadStep step)
    {
        using var cancel = new CancellationTokenSource();
        if (step.Crash == 1) await cancel.CancelAsync();
        var crash = step.Crash == 2 ? CrashPoint.BeforeDelivery : CrashPoint.AfterDelivery;
        var sink = new CrashingSink(await rig.Panel(), step.Crash == 1 ? CrashPoint.None : crash);
        var loader = await rig.Loader();
        try
        {
            await loader.Load(Run(run), sink.Name, step.Command(), sink, cancel.Token);
        }
        catch (Exception e) when (e is SimulatedCrash or OperationCanceledException)
        {
        }
    }
}
