using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>
/// The journal records each value's approval by the same rule the panel applies (rule 10,
/// Approval.OnDelivery): after any sequence of loads, approving or not, they agree.
/// </summary>
[Properties(Arbitrary = [typeof(LoadGens)], MaxTest = 30)]
public class JournalApprovalProperties
{
    [Property]
    public void The_journal_and_the_panel_agree_on_every_approval(LoadStep[] steps)
    {
        using var folder = new TempFolder();
        var rig = new LoadRig(folder, "p");

        var (journal, panel) = Play(rig, steps).GetAwaiter().GetResult();

        Assert.Equal(panel, journal);
    }

    private static async Task<(SortedDictionary<string, long>, SortedDictionary<string, long>)> Play(
        LoadRig rig, LoadStep[] steps)
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        var i = 0;
        foreach (var step in steps)
            await loader.Load(Run($"r{i++}"), panel.Name, step.Command(), panel, default);
        return (await Approvals(rig.StateDb, "SELECT fact_key, approved FROM journal"),
            await Approvals(rig.PanelDb,
                "SELECT fact_key, approved FROM zus UNION ALL SELECT fact_key, approved FROM taxes"));
    }

    private static async Task<SortedDictionary<string, long>> Approvals(string path, string sql)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var rdr = await cmd.ExecuteReaderAsync();
        while (await rdr.ReadAsync()) result[rdr.GetString(0)] = rdr.GetInt64(1);
        return result;
    }
}
