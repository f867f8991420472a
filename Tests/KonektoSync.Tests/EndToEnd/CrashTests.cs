using System.Diagnostics;
using Microsoft.Data.Sqlite;
using KonektoSync.Extract;
using KonektoSync.Tests.Host;
using Xunit.Abstractions;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// Real process kills: `konektosync sync` is started as its own process and killed (SIGKILL, the
/// whole process tree) at random instants of a sync many times; a final sync then brings the panel
/// to exactly the state a clean run gives, file by file, with an empty outbox.
/// Set KONEKTOSYNC_CRASH_SEED to replay a failing sequence.
/// </summary>
[Collection("EndToEnd")]
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 14;
    private readonly List<string> _temp = [];

    public void Dispose()
    {
        foreach (var t in _temp) try { Directory.Delete(t, true); } catch (IOException) { }
    }

    private string Temp(string name) { var t = NewTemp(name); _temp.Add(t); return t; }

    private static Process StartSync(string dataDir) => SyncProcess.Start(dataDir).Process;

    private static async Task<int> RunToEnd(string dataDir)
    {
        using var p = StartSync(dataDir);
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return p.ExitCode;
    }

    [Fact]
    public async Task A_sync_killed_at_random_instants_and_then_finished_leaves_the_panel_of_a_clean_run_and_an_empty_outbox()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KONEKTOSYNC_CRASH_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"crash seed {seed} (set KONEKTOSYNC_CRASH_SEED={seed} to replay)");
        var random = new Random(seed);
        using var office = await Office.Write(seed: 21, raksFirms: 4, faktFirms: 2, raksCases: SampleCases.MissingDeclaration);
        using var clean = new CliRunner();
        using var crashed = new CliRunner();
        office.Configure(clean);
        office.Configure(crashed);
        crashed.UseSecretOf(clean);

        var watch = Stopwatch.StartNew();
        var cleanExit = await RunToEnd(clean.DataDir);
        var duration = watch.Elapsed;
        output.WriteLine($"clean sync: {duration.TotalMilliseconds:F0} ms");
        var killedBeforeEnd = 0;
        // kill instants are drawn within the last run's length: once the killed runs have delivered
        // everything, a run has less to do and ends sooner than the clean one did
        var window = duration;
        for (var i = 0; i < Kills; i++)
        {
            var wait = TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds);
            using var p = StartSync(crashed.DataDir);
            var started = Stopwatch.StartNew();
            await Task.Delay(wait);
            if (!p.HasExited) { p.Kill(entireProcessTree: true); killedBeforeEnd++; }
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            if (p.ExitCode == 0) window = TimeSpan.FromMilliseconds(Math.Min(window.TotalMilliseconds,
                Math.Max(50, started.Elapsed.TotalMilliseconds)));
            output.WriteLine($"kill {i + 1} after {wait.TotalMilliseconds:F0} ms: exit {p.ExitCode}");
        }
        var finalExit = await RunToEnd(crashed.DataDir);
        var cleanExport = Temp("crash-clean");
        var crashedExport = Temp("crash-killed");
        Ok(clean.Run("panel", "export", cleanExport));
        Ok(crashed.Run("panel", "export", crashedExport));

        Assert.Equal((0, 0), (cleanExit, finalExit));
        Assert.True(killedBeforeEnd >= Kills / 2, $"only {killedBeforeEnd} of {Kills} runs were killed before they ended");
        var expected = ReadExport(cleanExport);
        var actual = ReadExport(crashedExport);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs from the clean run's");
        Assert.Equal(4 * 12, File.ReadAllLines(Path.Combine(crashedExport, "zus.csv")).Length - 1);
        Assert.Equal((0L, 0L), Outbox(crashed.DataDir));
    }

    [Fact]
    public async Task A_sync_killed_while_a_batch_of_groups_is_staged_and_not_confirmed_is_completed_exactly_once_by_the_next_sync()
    {
        using var office = await Office.Write(seed: 22, raksFirms: 4, faktFirms: 2, raksCases: SampleCases.MissingDeclaration);
        using var clean = new CliRunner();
        office.Configure(clean);
        Assert.Equal(0, await RunToEnd(clean.DataDir));
        var cleanExport = Temp("batch-clean");
        Ok(clean.Run("panel", "export", cleanExport));

        // each attempt is a first sync into a new data folder, killed as soon as the state
        // database shows two or more groups staged together and not yet confirmed
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            using var killed = new CliRunner();
            office.Configure(killed);
            killed.UseSecretOf(clean);
            using var p = StartSync(killed.DataDir);
            while (!p.HasExited && PendingOrNone(killed.DataDir) < 2) await Task.Yield();
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            var left = Outbox(killed.DataDir);
            output.WriteLine($"attempt {attempt}: exit {p.ExitCode}, left {left.Pending} batches ({left.Facts} facts) pending");
            if (left.Pending < 2) continue;

            Assert.Equal(0, await RunToEnd(killed.DataDir));
            var killedExport = Temp("batch-killed");
            Ok(killed.Run("panel", "export", killedExport));
            var expected = ReadExport(cleanExport);
            var actual = ReadExport(killedExport);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (file, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs from the clean run's");
            Assert.Equal((0L, 0L), Outbox(killed.DataDir));
            return;
        }
        Assert.Fail("no attempt was killed while a batch of groups waited to be confirmed");
    }

    /// <summary>Batches staged and not confirmed, read while a sync runs; 0 while the tables are not there.</summary>
    private static long PendingOrNone(string dataDir)
    {
        if (!File.Exists(Path.Combine(dataDir, "konektosync.db"))) return 0;
        try { return Outbox(dataDir).Pending; }
        catch (SqliteException) { return 0; }
    }

    /// <summary>(facts still in the outbox, batches not confirmed).</summary>
    private static (long Facts, long Pending) Outbox(string dataDir)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = Path.Combine(dataDir, "konektosync.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        long Count(string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; return (long)cmd.ExecuteScalar()!; }
        return (Count("SELECT COUNT(*) FROM outbox_facts"), Count("SELECT COUNT(*) FROM outbox WHERE confirmed_at IS NULL"));
    }
}
