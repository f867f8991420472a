using System.Text.Json.Nodes;
using KonektoSync.Tests.Host;
using KonektoSync.Tests.Load;
using KonektoSync.Tests.Panel;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>The faults against a panel server on SQLite.</summary>
[Collection("EndToEnd")]
public sealed class PanelHttpEndToEndOnSqliteTests(SyncOfficeFixture fixture) : PanelHttpEndToEndTests(fixture)
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

/// <summary>The faults against a panel server on PostgreSQL.</summary>
[Collection("EndToEnd")]
public sealed class PanelHttpEndToEndOnPostgresTests(SyncOfficeFixture fixture) : PanelHttpEndToEndTests(fixture)
{
    protected override PanelStorage Storage => PanelStorage.Postgres;
}

/// <summary>
/// The sync delivering to a panel server (in-process, on a loopback port) through a proxy that
/// injects faults: whatever happens on the way, the server ends with the export of a clean run
/// into the local panel, byte for byte, and the outbox is empty; on each storage of the server.
/// </summary>
public abstract class PanelHttpEndToEndTests(SyncOfficeFixture fixture) : IClassFixture<SyncOfficeFixture>, IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    private readonly Office _office = fixture.Office;
    private readonly TempFolder _folder = new();
    private readonly CliRunner _clean = new();
    private readonly CliRunner _remote = new();
    private PanelServerRig _server = null!;
    private FaultProxy _proxy = null!;
    private SortedDictionary<string, byte[]> _cleanExport = null!;

    private static readonly string[] Sync = ["sync", "--from", "2024-01", "--to", "2024-12", "--json"];

    public async Task InitializeAsync()
    {
        _server = await PanelServerRig.Start(_folder, storage: Storage);
        _proxy = new FaultProxy(_server.Url);
        _office.Configure(_clean);
        _office.Configure(_remote);
        _remote.UseSecretOf(_clean);
        Assert.True(Ok(_clean.Run(Sync)).Json.GetProperty("factsSent").GetInt32() > 100);
        _cleanExport = Export(_clean);
        var tokenFile = _folder.File("token");
        await File.WriteAllTextAsync(tokenFile, await _server.Office("Biuro rachunkowe"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Ok(_remote.Run("panel", "connect", _proxy.Url.ToString(), "--token-file", tokenFile));
        Tune(timeoutSeconds: 2, retries: 4);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _server.DisposeAsync();
        _clean.Dispose();
        _remote.Dispose();
        _folder.Dispose();
    }

    private void Tune(int timeoutSeconds, int retries)
    {
        var path = Path.Combine(_remote.DataDir, "konektosync.json");
        var cfg = JsonNode.Parse(File.ReadAllText(path))!;
        cfg["panel"]!["timeoutSeconds"] = timeoutSeconds;
        cfg["panel"]!["retries"] = retries;
        File.WriteAllText(path, cfg.ToJsonString());
    }

    private SortedDictionary<string, byte[]> Export(CliRunner cli)
    {
        var dir = _folder.File("export-" + Guid.NewGuid().ToString("N"));
        Ok(cli.Run("panel", "export", dir));
        return ReadExport(dir);
    }

    private int Waiting() => Ok(_remote.Run("panel", "status", "--json")).Json.GetProperty("waiting").GetInt32();

    private void AssertServerHoldsTheCleanRun()
    {
        var actual = Export(_remote);
        Assert.Equal(_cleanExport.Keys, actual.Keys);
        foreach (var (file, bytes) in _cleanExport)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs from the clean run's");
        Assert.Equal(0, Waiting());
        Assert.Equal(0, Ok(_remote.Run(Sync)).Json.GetProperty("factsSent").GetInt32());
    }

    [Fact]
    public void A_panel_down_for_a_whole_sync_gets_everything_from_the_next_sync_exactly_once()
    {
        _proxy.Down = true;
        var down = _remote.Run("sync", "--from", "2024-01", "--to", "2024-12");
        var waiting = Waiting();
        _proxy.Down = false;
        Ok(_remote.Run(Sync));

        Assert.Contains("batches wait in the outbox", down.Out + down.Err);
        Assert.True(waiting > 10, $"{waiting} batches waited");
        AssertServerHoldsTheCleanRun();
    }

    [Fact]
    public async Task Answers_of_500_a_timeout_and_connections_dropped_after_the_server_applied_a_batch_change_nothing()
    {
        _proxy.Then(ProxyAction.Fail500, ProxyAction.Fail500, ProxyAction.Forward, ProxyAction.Forward,
            ProxyAction.Stall, ProxyAction.Forward, ProxyAction.DropAfterForward, ProxyAction.Forward,
            ProxyAction.Forward, ProxyAction.DropAfterForward, ProxyAction.DropAfterForward, ProxyAction.Fail500);

        var run = Ok(_remote.Run(Sync));

        Assert.Equal(0, _proxy.ScriptLeft);
        Assert.True(run.Json.GetProperty("factsSent").GetInt32() > 100);
        using var client = _server.Client(File.ReadAllText(_folder.File("token")));
        var runs = await client.GetStringAsync("/api/v1/runs");
        Assert.Contains(run.Json.GetProperty("run").GetString()!, runs);
        Assert.Contains("\"outcome\"", runs);
        Assert.DoesNotContain("panel.waiting", run.Out);
        AssertServerHoldsTheCleanRun();
    }

    [Fact]
    public async Task A_sync_killed_while_the_server_applied_a_batch_it_never_confirmed_is_finished_by_the_next_one()
    {
        Tune(timeoutSeconds: 120, retries: 4);
        _proxy.Then(ProxyAction.Forward, ProxyAction.Forward, ProxyAction.Forward, ProxyAction.HoldAnswer);
        using (var p = SyncProcess.Start(_remote.DataDir).Process)
        {
            await _proxy.Held.Task.WaitAsync(TimeSpan.FromMinutes(2));
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        var waiting = Waiting();

        Ok(_remote.Run(Sync));

        Assert.True(waiting >= 1, "the held batch waits in the outbox");
        AssertServerHoldsTheCleanRun();
    }
}
