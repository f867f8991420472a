using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>
/// The journal read in one pass (<see cref="GroupDigests"/>): a group decided from the digests
/// gets exactly the plan that reading its rows gives, and a group loaded again unchanged is
/// decided without reading them.
/// </summary>
[Properties(Arbitrary = [typeof(LoadGens)], MaxTest = 30)]
public class GroupDigestsProperties
{
    [Property]
    public void A_group_decided_from_the_digests_gets_the_plan_its_journal_rows_give(LoadStep[] loaded, LoadStep[] next)
    {
        using var folder = new TempFolder();
        var rig = new LoadRig(folder, "digests");
        Await(async () =>
        {
            await using var loader = await rig.Loader();
            var panel = await rig.Panel();
            for (var i = 0; i < loaded.Length; i++)
                await loader.Load(Run($"r{i}"), panel.Name, loaded[i].Command(), panel, default);
            await loader.ReadDigests(panel.Name, Firms, Month(2024, 1), Month(2024, 3), default);
            foreach (var command in next.Concat(loaded).Select(s => s.Command()))
            {
                var fromDigests = LoadPlan.Decide(command, await loader.JournalFor(panel.Name, command, default), false);
                var fromRows = LoadPlan.Decide(command,
                    await loader.ReadJournal(panel.Name, command.Firm, command.Kind, default), false);
                Assert.Equal(Shape(fromRows), Shape(fromDigests));
            }
        });
    }

    [Property]
    public void A_group_loaded_again_unchanged_and_approved_as_before_is_decided_from_the_digests(LoadStep[] steps)
    {
        var step = steps[0];
        using var folder = new TempFolder();
        var rig = new LoadRig(folder, "again");
        Await(async () =>
        {
            await using var loader = await rig.Loader();
            var panel = await rig.Panel();
            var command = step.Command();
            await loader.Load(Run("r0"), panel.Name, command, panel, default);
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={rig.StateDb};Pooling=False");
            await connection.OpenAsync();
            var digests = await GroupDigests.Read(connection, panel.Name, Firms, Month(2024, 1), Month(2024, 3), default);

            Assert.True(digests.Unchanged(command, command.Facts.ToList()).IsSome);
            var changed = step with { Amounts = step.Amounts.Select(a => a + 1m).ToArray() };   // amounts of 0, 100, 250.5
            Assert.True(digests.Unchanged(changed.Command(), changed.Command().Facts.ToList()).IsNone);
            digests.Forget(command.Firm, command.Kind);
            Assert.True(digests.Unchanged(command, command.Facts.ToList()).IsNone);
        });
    }

    private static (string, int, int, int, string) Shape(LoadPlan plan) =>
        (string.Join(";", plan.Deliver.Select(d => $"{d.Fact.Key.Text}={d.Status}")), plan.New, plan.Changed, plan.Unchanged,
            string.Join(";", plan.Disappeared.Select(k => k.Text)));

    private static void Await(Func<Task> test) => test().GetAwaiter().GetResult();
}
