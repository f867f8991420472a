using KonektoSync.Domain;
using KonektoSync.Host.State;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Tests.Host;

/// <summary>`log`: the newest events first chosen, one run or the last, a limit, and a run that never ended.</summary>
public sealed class LogCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Runs r1..rN, each with `events` info events "r{n} event {i}" and one warning; the last run never finished.</summary>
    private void Seed(int runs, int events)
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        using var state = StateStore.Open(Path.Combine(_cli.DataDir, "konektosync.db"));
        for (var n = 1; n <= runs; n++)
        {
            var at = Start.AddHours(n);
            state.StartRun($"r{n}", at);
            state.Append($"r{n}", at, Enumerable.Range(1, events)
                .Select(i => SyncEvent.Of(Severity.Info, "test.info", $"r{n} event {i}"))
                .Append(SyncEvent.Of(Severity.Warning, "test.warning", $"r{n} warning")));
            if (n < runs) state.FinishRun($"r{n}", at.AddMinutes(1), "ok");
        }
    }

    private List<string> Messages(params string[] args) =>
        Assert.IsType<CliRunner.Result>(_cli.Run(["log", "--json", .. args])).Json.EnumerateArray()
            .Select(e => e.GetProperty("message").GetString()!).ToList();

    [Fact]
    public void The_log_shows_the_newest_events_when_there_are_more_than_the_limit()
    {
        Seed(runs: 3, events: 4);

        var newest = Messages("--limit", "3");

        Assert.Equal(["r3 event 3", "r3 event 4", "r3 warning"], newest);
    }

    [Fact]
    public void Last_shows_only_the_last_run_and_run_shows_the_one_named()
    {
        Seed(runs: 3, events: 2);

        var last = Messages("--last");
        var second = Messages("--run", "r2");

        Assert.Equal(["r3 event 1", "r3 event 2", "r3 warning"], last);
        Assert.Equal(["r2 event 1", "r2 event 2", "r2 warning"], second);
    }

    [Fact]
    public void A_limit_that_is_not_a_positive_number_and_an_unknown_run_are_usage_errors()
    {
        Seed(runs: 1, events: 1);

        Assert.Equal(2, _cli.Run("log", "--limit", "0").Exit);
        var unknown = _cli.Run("log", "--run", "nope");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("nope", unknown.Err);
    }

    [Fact]
    public void Filtering_errors_of_a_log_without_errors_says_there_are_no_errors()
    {
        Seed(runs: 2, events: 1);

        var r = _cli.Run("log", "--errors");

        Assert.Equal(0, r.Exit);
        Assert.Contains("No errors", r.Out);
        Assert.DoesNotContain("empty", r.Out);
    }

    [Fact]
    public void A_run_that_never_ended_is_shown_as_interrupted()
    {
        Seed(runs: 2, events: 1);

        var r = _cli.Run("log");

        Assert.Equal(0, r.Exit);
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("== ") && l.Contains("r2") && l.Contains("interrupted"));
        Assert.DoesNotContain(lines, l => l.StartsWith("== ") && l.Contains("r1") && l.Contains("interrupted"));
    }
}
