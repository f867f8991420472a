using System.Runtime.InteropServices;
using System.Text.Json;
using KonektoSync.Extract;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Host;
using Xunit.Abstractions;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// `konektosync service run` as its own process on a sample office (Raks and Fakt on embedded
/// Firebird), in the "after a change" mode: its first run loads the panel, a value changed in Raks
/// reaches the panel in the next cycle, unchanged data is not synced again, and SIGTERM stops it
/// with exit code 0, the runs closed in the event log and worker.json saying "stopped".
/// </summary>
[Collection("EndToEnd")]
public sealed class ServiceEndToEndTests(ITestOutputHelper output)
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private const int SigTerm = 15;
    private const string Ended = "automatic update: run ";

    private static int EndedRuns(SyncProcess p)
    {
        lock (p.Out)
            return p.Out.ToString().Split('\n').Count(l => l.StartsWith(Ended, StringComparison.Ordinal) && l.Contains(" ended (", StringComparison.Ordinal));
    }

    private static async Task Until(Func<bool> condition, TimeSpan timeout, SyncProcess p)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || p.Process.HasExited)
            {
                string text;
                lock (p.Out) text = p.Out.ToString();
                Assert.Fail($"timed out (exited: {p.Process.HasExited})\n{text}");
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_service_loads_a_changed_value_within_one_cycle_and_stops_on_sigterm_with_exit_0()
    {
        using var office = await Office.Write(seed: 53, raksFirms: 3, faktFirms: 1);
        using var cli = new CliRunner();
        office.Configure(cli);
        Ok(cli.Run("settings", "--auto-update", "on", "--auto-when", "change", "--auto-check-seconds", "5", "--auto-months", "36"));
        var nip = office.Nip(office.RaksCase(SampleCases.MissingDeclaration));

        var service = SyncProcess.Start(["service", "run", "--data-dir", cli.DataDir, "--lang", "en"], "automatic update: worker started");
        await service.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await Until(() => EndedRuns(service) == 1, TimeSpan.FromMinutes(3), service);
        var before = Taxes(cli, nip)[("2024-06", "VAT-7")]["amount"];
        // two checks with nothing changed: no run
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.Equal(1, EndedRuns(service));

        await FirebirdFixture.Execute(Path.Combine(office.RaksFolder, "Raks3000.fdb"),
            "UPDATE R3_DEKLARACJE SET PODATEK = 12345.67 WHERE NIP = '" + nip + "' AND DATA_DEKLARACJI = '2024-06-30' " +
            "AND ID_DEFINICJI_DEKLARACJI IN (SELECT ID FROM R3_DEFINICJE_DEKLARACJI WHERE NAZWA = 'VAT-7')");
        await Until(() => EndedRuns(service) == 2, TimeSpan.FromMinutes(2), service);
        var after = Taxes(cli, nip)[("2024-06", "VAT-7")]["amount"];

        Assert.Equal(0, Kill(service.Process.Id, SigTerm));
        await service.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        string text;
        lock (service.Out) text = service.Out.ToString();
        output.WriteLine(text);

        Assert.NotEqual("12345.67", before);
        Assert.Equal("12345.67", after);
        Assert.Equal(0, service.Process.ExitCode);
        Assert.Contains("automatic update: worker stopped", text);
        Assert.Contains("programs raks, months 2024-01 to", text.Split('\n').Where(l => l.Contains("run started", StringComparison.Ordinal)).Last());
        Assert.DoesNotContain("   at ", text);
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.DataDir, "worker.json")));
        Assert.Equal("stopped", state.RootElement.GetProperty("state").GetString());
        Assert.Equal("ok", state.RootElement.GetProperty("lastRun").GetProperty("outcome").GetString());
        var status = Ok(cli.Run("status", "--json")).Json;
        Assert.False(status.GetProperty("worker").GetProperty("alive").GetBoolean());
        Assert.Equal("ok", status.GetProperty("lastRun").GetProperty("outcome").GetString());
        // the automatic update does not approve unless set: the changed firm's data waits for approval
        Assert.Contains(nip, status.GetProperty("firmsUnapproved").EnumerateArray().Select(f => f.GetString()));
        // the journal: both runs are closed in the event log
        var runs = Ok(cli.Run("log", "--json")).Json.EnumerateArray().Select(e => e.GetProperty("run").GetString()).Distinct().ToList();
        Assert.Equal(2, runs.Count);
        Assert.DoesNotContain("interrupted", Ok(cli.Run("log")).Out);
    }

    private static Dictionary<(string Period, string Subject), Dictionary<string, string>> Taxes(CliRunner cli, string nip) =>
        Entries(Ok(cli.Run("panel", "show", nip, "--json")).Json).Where(e => e.Key.Kind == "taxes")
            .ToDictionary(e => (e.Key.Period, e.Key.Subject), e => e.Value);
}
