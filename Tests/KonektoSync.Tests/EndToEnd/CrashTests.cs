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
