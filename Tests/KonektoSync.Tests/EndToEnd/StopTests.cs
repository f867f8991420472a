using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using KonektoSync.Extract;
using KonektoSync.Tests.Host;
using Xunit.Abstractions;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// Real signals: `konektosync sync` is started as its own process and sent SIGINT (Ctrl+C) or
/// SIGTERM at instants spread over a sync, from discovery to the end. Every stopped run says
/// "stopped on request" and exits 1, never with a stack trace; the log shows the stops; a final
/// sync brings the panel to exactly what a clean run gives.
/// </summary>
[Collection("EndToEnd")]
public sealed class StopTests(ITestOutputHelper output) : IDisposable
{
    private const int Stops = 8;
    private readonly List<string> _temp = [];

    public void Dispose()
    {
        foreach (var t in _temp) try { Directory.Delete(t, true); } catch (IOException) { }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Fact]
    public async Task A_sync_stopped_by_ctrl_c_or_sigterm_says_so_exits_1_and_loads_nothing_half()
    {
        using var office = await Office.Write(seed: 23, raksFirms: 4, faktFirms: 2, raksCases: SampleCases.MissingDeclaration);
        using var clean = new CliRunner();
        using var stopped = new CliRunner();
        office.Configure(clean);
        office.Configure(stopped);
        stopped.UseSecretOf(clean);

        var watch = Stopwatch.StartNew();
        var cleanRun = SyncProcess.Start(clean.DataDir);
        await cleanRun.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var startup = watch.Elapsed;
        await cleanRun.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var duration = watch.Elapsed - startup;
        output.WriteLine($"clean sync: {duration.TotalMilliseconds:F0} ms after its first line");
        Assert.Equal(0, cleanRun.Process.ExitCode);

        var stoppedBeforeEnd = 0;
        for (var i = 0; i < Stops; i++)
        {
            var signal = i % 2 == 0 ? SigInt : SigTerm;
            // the first stops land at once (discovery), the later ones spread over the run
            var wait = TimeSpan.FromMilliseconds(duration.TotalMilliseconds * i / Stops);
            var run = SyncProcess.Start(stopped.DataDir);
            await run.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await Task.Delay(wait);
            var sent = !run.Process.HasExited && Kill(run.Process.Id, signal) == 0;
            await run.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            string text;
            lock (run.Out) text = run.Out.ToString();
            output.WriteLine($"signal {signal} after {wait.TotalMilliseconds:F0} ms: exit {run.Process.ExitCode}");
            Assert.False(text.Contains("Unhandled", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal), text);
            if (run.Process.ExitCode == 0) continue;
            Assert.True(sent, text);
            Assert.Equal(1, run.Process.ExitCode);
            Assert.Contains("topped on request", text);
            Assert.DoesNotContain("unexpected", text);
            stoppedBeforeEnd++;
        }
        var log = Ok(stopped.Run("log", "--json")).Json.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        var final = SyncProcess.Start(stopped.DataDir);
        await final.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var cleanExport = Temp("stop-clean");
        var stoppedExport = Temp("stop-stopped");
        Ok(clean.Run("panel", "export", cleanExport));
        Ok(stopped.Run("panel", "export", stoppedExport));

        Assert.True(stoppedBeforeEnd >= Stops / 2, $"only {stoppedBeforeEnd} of {Stops} runs were stopped before they ended");
        Assert.Contains("sync.cancelled", log);
        Assert.Equal(0, final.Process.ExitCode);
        var expected = ReadExport(cleanExport);
        var actual = ReadExport(stoppedExport);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs from the clean run's");
    }

    [Fact]
    public async Task A_stop_during_an_embedded_firebird_read_reports_no_group_as_failed()
    {
        using var office = await Office.Write(seed: 29, raksFirms: 6, faktFirms: 0);
        using var cli = new CliRunner();
        office.Configure(cli);
        var watch = Stopwatch.StartNew();
        var first = SyncProcess.Start(cli.DataDir);
        await first.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var startup = watch.Elapsed;
        await first.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var duration = watch.Elapsed - startup;
        Assert.Equal(0, first.Process.ExitCode);

        var stopped = 0;
        for (var i = 0; i < Stops; i++)
        {
            // a new panel each time, so that every run reads and loads everything again
            foreach (var f in Directory.GetFiles(cli.DataDir, "panel.db*")) File.Delete(f);
            var run = SyncProcess.Start(cli.DataDir);
            await run.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(duration.TotalMilliseconds * (i + 1) / (Stops + 2)));
            var sent = !run.Process.HasExited && Kill(run.Process.Id, i % 2 == 0 ? SigInt : SigTerm) == 0;
            await run.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            string text;
            lock (run.Out) text = run.Out.ToString();
            output.WriteLine($"stop {i}: exit {run.Process.ExitCode}");
            var all = Ok(cli.Run("log", "--last", "--json")).Json.EnumerateArray().ToList();
            // a signal that lands after the last group was loaded finds nothing to stop: the run completed
            if (run.Process.ExitCode == 0 && (!sent || !all.Exists(e => e.GetProperty("code").GetString() == "sync.cancelled"))) continue;
            Assert.Equal((1, true), (run.Process.ExitCode, text.Contains("topped on request", StringComparison.Ordinal)));
            output.WriteLine(string.Join(" ", all.Select(e => e.GetProperty("severity").GetString() + ":" + e.GetProperty("code").GetString())));
            var errors = all
                .Where(e => string.Equals(e.GetProperty("severity").GetString(), "error", StringComparison.OrdinalIgnoreCase))
                .Select(e => e.GetProperty("code").GetString() + ": " + e.GetProperty("message").GetString()).ToList();
            Assert.True(errors.Count == 0, $"stop {i}: " + string.Join("\n", errors));
            stopped++;
        }
        Assert.True(stopped >= Stops / 2, $"only {stopped} of {Stops} runs were stopped before they ended");
    }

    private string Temp(string name) { var t = NewTemp(name); _temp.Add(t); return t; }
}
