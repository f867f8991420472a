using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Load.Journal;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

[Properties(Arbitrary = [typeof(LoadGens)], MaxTest = 40)]
public class JournalProperties
{
    [Property]
    public void Running_the_same_command_again_sends_nothing(LoadStep[] steps)
    {
        using var folder = new TempFolder();
        var rig = new LoadRig(folder, "p");
        var command = steps[^1].Command();

        var (first, second) = LoadTwice(rig, command).GetAwaiter().GetResult();

        Assert.Equal((0, command.Facts.Count), (second.Delivered, second.Unchanged));
        Assert.Equal(command.Facts.Count, first.New);
    }

    [Property]
    public Property Every_fact_gets_exactly_one_status() =>
        Prop.ForAll(LoadGens.Step.ToArbitrary(), LoadGens.Step.ToArbitrary(), (before, now) =>
        {
            var journal = before.Command().Facts.ToDictionary(f => f.Key.Text,
                f => new Confirmed(f.Key.Text, f.Key.Period, f.Key.Subject, f.ContentHash, false));
            var command = now.Command();

            var plan = LoadPlan.Decide(command, journal, wantsUnchanged: false);

            return plan.New + plan.Changed + plan.Unchanged == command.Facts.Count
                && plan.Deliver.Count >= plan.New + plan.Changed;
        });

    private static async Task<(LoadOutcome, LoadOutcome)> LoadTwice(LoadRig rig, KonektoSync.Domain.LoadCommand command)
    {
        var (loader, panel) = (await rig.Loader(), await rig.Panel());
        var first = await loader.Load(Run("r1"), panel.Name, command, panel, default);
        var second = await loader.Load(Run("r2"), panel.Name, command, panel, default);
        return (first, second);
    }
}
