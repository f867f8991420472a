using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Worker;

/// <summary>`settings` for Aktualizacja automatyczna: defaults, changes, and a bad schedule refused without a change.</summary>
public sealed class AutoUpdateSettingsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private Dictionary<string, string> Rows(CliRunner.Result r) =>
        r.Json.EnumerateArray().ToDictionary(x => x.GetProperty("setting").GetString()!,
            x => x.TryGetProperty("on", out var on) ? (on.GetBoolean() ? "on" : "off") : x.GetProperty("value").GetString()!);

    [Fact]
    public void The_automatic_update_is_off_by_default_every_thirty_minutes_on_working_hours_of_two_months()
    {
        _cli.Run("init");
        var rows = Rows(_cli.Run("settings", "--json"));
        Assert.Equal(("off", "off", "zus,taxes,statements", "schedule", "*/30 7-18 * * 1-5", "2"),
            (rows["auto-update"], rows["auto-approve"], rows["auto-kinds"], rows["auto-when"], rows["auto-schedule"], rows["auto-months"]));
    }

    [Fact]
    public void The_automatic_update_settings_are_saved_in_the_config()
    {
        _cli.Run("init");
        var r = _cli.Run("settings", "--auto-update", "on", "--auto-approve", "tak", "--auto-kinds", "zus,taxes",
            "--auto-when", "change", "--auto-check-seconds", "15", "--auto-months", "3", "--json");
        Assert.Equal(0, r.Exit);
        var rows = Rows(_cli.Run("settings", "--json"));
        Assert.Equal(("on", "on", "zus,taxes", "change", "15", "3"),
            (rows["auto-update"], rows["auto-approve"], rows["auto-kinds"], rows["auto-when"], rows["auto-check-seconds"], rows["auto-months"]));
        var config = File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json"));
        Assert.Contains("\"autoUpdate\"", config);
        Assert.Contains("\"checkSeconds\": 15", config);
    }

    [Fact]
    public void A_bad_schedule_is_refused_in_either_language_and_nothing_changes()
    {
        _cli.Run("init");
        var en = _cli.Run("settings", "--auto-update", "on", "--auto-schedule", "*/30 7-25 * * 1-5");
        var pl = _cli.RunIn("pl", "settings", "--auto-schedule", "co pół godziny");

        Assert.Equal((2, 2), (en.Exit, pl.Exit));
        Assert.Contains("the schedule '*/30 7-25 * * 1-5' is not a cron expression of five fields", en.Err);
        Assert.Contains("harmonogram 'co pół godziny' nie jest wyrażeniem cron", pl.Err);
        var rows = Rows(_cli.Run("settings", "--json"));
        Assert.Equal(("off", "*/30 7-18 * * 1-5"), (rows["auto-update"], rows["auto-schedule"]));
    }

    [Fact]
    public void An_unknown_mode_or_kind_or_a_too_short_check_is_refused()
    {
        _cli.Run("init");
        Assert.Contains("use schedule or change", _cli.Run("settings", "--auto-when", "sometimes").Err);
        Assert.Contains("unknown data kind 'vat'", _cli.Run("settings", "--auto-kinds", "zus,vat").Err);
        Assert.Contains("expected 5 seconds or more", _cli.Run("settings", "--auto-when", "change", "--auto-check-seconds", "1").Err);
        Assert.Contains("use on or off", _cli.Run("settings", "--auto-update", "maybe").Err);
    }
}
