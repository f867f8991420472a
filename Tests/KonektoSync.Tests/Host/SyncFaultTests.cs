using System.Text.Json;

namespace KonektoSync.Tests.Host;

/// <summary>
/// Infrastructure faults through the whole command: a file the sync must write that is damaged
/// ends the run with exit 1 and one error naming the file and what to do, never a stack trace;
/// the run is closed in the state database when that one still works.
/// </summary>
public sealed class SyncFaultTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void NoStackTrace(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.Out + r.Err);
        Assert.DoesNotContain("End of stack trace", r.Out + r.Err);
        Assert.DoesNotContain("Unhandled exception", r.Out + r.Err);
    }

    private static void Damage(string file) =>
        File.WriteAllBytes(file, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray());

    [Fact]
    public void A_damaged_panel_file_ends_the_sync_with_exit_1_naming_the_file_and_the_run_is_closed_in_the_log()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var panel = Path.Combine(_cli.DataDir, "panel.db");
        Damage(panel);

        var sync = _cli.Run("sync", "--from", "2024-01", "--to", "2024-03");
        var log = _cli.Run("log", "--json");

        Assert.Equal(1, sync.Exit);
        Assert.Contains($"the panel database {panel} could not be used", sync.Err);
        Assert.Contains("restore it from a backup", sync.Err);
        NoStackTrace(sync);
        var fault = Assert.Single(log.Json.EnumerateArray(), e => e.GetProperty("code").GetString() == "sync.fault.panel");
        Assert.Equal("error", fault.GetProperty("severity").GetString());
        Assert.Contains(panel, fault.GetProperty("message").GetString());
    }

    [Fact]
    public void A_damaged_panel_file_is_reported_as_json_with_its_remedy()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        Damage(Path.Combine(_cli.DataDir, "panel.db"));

        var sync = _cli.Run("sync", "--from", "2024-01", "--to", "2024-03", "--json");

        Assert.Equal(1, sync.Exit);
        var error = Assert.Single(sync.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("sync.fault.panel", error.GetProperty("code").GetString());
        Assert.Contains("Close programs that hold", error.GetProperty("remedy").GetString());
    }

    [Fact]
    public void A_damaged_state_database_ends_the_sync_with_exit_1_naming_the_file_and_other_commands_fail_cleanly_too()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var state = Path.Combine(_cli.DataDir, "konektosync.db");
        Damage(state);

        var sync = _cli.Run("sync", "--from", "2024-01", "--to", "2024-03");
        var firms = _cli.Run("firms");

        Assert.Equal(1, sync.Exit);
        Assert.Contains($"the state database {state} could not be used", sync.Err);
        Assert.Contains("konektosync firms --refresh", sync.Err);
        NoStackTrace(sync);
        Assert.Equal(1, firms.Exit);
        Assert.Contains($"the state database {state} is damaged", firms.Err);
        Assert.Contains("konektosync firms --refresh", firms.Err);
        NoStackTrace(firms);
    }

    [Fact]
    public void After_the_damaged_panel_file_is_removed_the_next_sync_runs_and_ends_well()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var panel = Path.Combine(_cli.DataDir, "panel.db");
        Damage(panel);
        Assert.Equal(1, _cli.Run("sync", "--from", "2024-01", "--to", "2024-03").Exit);
        File.Delete(panel);

        var again = _cli.Run("sync", "--from", "2024-01", "--to", "2024-03");

        Assert.Equal(0, again.Exit);
        Assert.Equal("", again.Err);
        Assert.Single(_cli.Run("log", "--json").Json.EnumerateArray(), e => e.GetProperty("code").GetString() == "sync.fault.panel");
    }
}
