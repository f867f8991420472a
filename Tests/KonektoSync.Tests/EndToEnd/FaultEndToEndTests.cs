using Microsoft.Data.Sqlite;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// The panel file locked by another program in the middle of a real sync: the run stops with exit 1
/// and one error naming the file, its events are in the log, the batch it staged waits in the
/// outbox, and once the lock is gone the next sync delivers it and ends well.
/// </summary>
[Collection("EndToEnd")]
public sealed class FaultEndToEndTests(BadInputOfficeFixture fixture) : IClassFixture<BadInputOfficeFixture>, IDisposable
{
    private readonly Office _office = fixture.Office;
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string PanelDb => Path.Combine(_cli.DataDir, "panel.db");

    private long Pending()
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_cli.DataDir, "konektosync.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM outbox WHERE confirmed_at IS NULL";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void A_panel_file_locked_during_the_sync_stops_it_with_one_error_and_the_next_sync_delivers_what_was_staged()
    {
        _office.Configure(_cli);
        Ok(_cli.Run("sync", "--from", "2024-01", "--to", "2024-01"));

        CliRunner.Result locked;
        using (var holder = new SqliteConnection($"Data Source={PanelDb};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
            locked = _cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--json");
        }
        var staged = Pending();
        var log = Ok(_cli.Run("log", "--json")).Json.EnumerateArray().ToList();
        var after = _cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--json");
        var afterLog = Ok(_cli.Run("log", "--last", "--json")).Json.EnumerateArray().ToList();
        var again = Ok(_cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--json")).Json;

        Assert.Equal(1, locked.Exit);
        var error = Assert.Single(locked.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("sync.fault.panel", error.GetProperty("code").GetString());
        Assert.Contains(PanelDb, error.GetProperty("message").GetString());
        Assert.DoesNotContain("   at ", locked.Out + locked.Err);
        // the groups of the run's batch were staged together before the panel refused them
        Assert.True(staged > 0, $"{staged} batches staged");
        Assert.Contains(log, e => e.GetProperty("code").GetString() == "sync.fault.panel");
        Assert.Equal(0, after.Exit);
        // the staged batch of groups is delivered first; what was not staged is sent by the sync
        var recovered = Assert.Single(afterLog, e => e.GetProperty("code").GetString() == "sync.recovered");
        Assert.EndsWith($"first: {staged}", recovered.GetProperty("message").GetString());
        Assert.Equal(0, Pending());
        Assert.Equal(0, again.GetProperty("factsSent").GetInt32());
    }

    [Fact]
    public void A_state_database_locked_during_firms_refresh_names_that_command_and_not_the_sync()
    {
        _office.Configure(_cli);
        var stateDb = Path.Combine(_cli.DataDir, "konektosync.db");
        CliRunner.Result refresh;
        using (var holder = new SqliteConnection($"Data Source={stateDb};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
            refresh = _cli.Run("firms", "--refresh");
        }

        Assert.Equal(1, refresh.Exit);
        Assert.Contains(stateDb, refresh.Err);
        Assert.Contains("'konektosync firms' stopped", refresh.Err);
        Assert.DoesNotContain("the sync", refresh.Err);
        Assert.DoesNotContain("   at ", refresh.Out + refresh.Err);
    }

    [Fact]
    public void The_sync_after_an_interrupted_one_logs_that_it_delivered_the_staged_batches_first()
    {
        _office.Configure(_cli);
        Ok(_cli.Run("sync", "--from", "2024-01", "--to", "2024-01"));
        using (var holder = new SqliteConnection($"Data Source={PanelDb};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
            Assert.Equal(1, _cli.Run("sync", "--from", "2024-01", "--to", "2024-12").Exit);
        }
        var staged = Pending();

        var after = _cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--json");
        var last = Ok(_cli.Run("log", "--last", "--json")).Json.EnumerateArray().ToList();

        Assert.Equal(0, after.Exit);
        var recovered = Assert.Single(last, e => e.GetProperty("code").GetString() == "sync.recovered");
        Assert.True(staged > 0, $"{staged} batches staged");
        Assert.EndsWith($"first: {staged}", recovered.GetProperty("message").GetString());
    }
}
