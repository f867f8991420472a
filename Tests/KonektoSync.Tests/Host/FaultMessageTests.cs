using KonektoSync.Host.Cli;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Tests.Host;

/// <summary>
/// Faults around the sync's core end as one message that names the file and what to do, with
/// exit 1 or 2, never a stack trace or an "unexpected error".
/// </summary>
public sealed class FaultMessageTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    private string StateDb => Path.Combine(_cli.DataDir, "konektosync.db");
    private string PanelDb => Path.Combine(_cli.DataDir, "panel.db");
    private string ConfigFile => Path.Combine(_cli.DataDir, "konektosync.json");

    private async Task<CliRunner.Result> RunRaw(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await CliApp.Run(args.Concat(["--data-dir", _cli.DataDir]).ToArray(), o, e, TimeProvider.System, default);
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    private static void Clean(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.Out + r.Err);
        Assert.DoesNotContain("unexpected", r.Out + r.Err);
    }

    [Theory]
    [InlineData("pl_PL.UTF-8", "brak konfiguracji")]
    [InlineData("pl", "brak konfiguracji")]
    [InlineData("en_US.UTF-8", "no configuration")]
    [InlineData("en", "no configuration")]
    public async Task A_language_written_as_a_locale_name_is_accepted(string lang, string expected)
    {
        var r = await RunRaw("firms", "--lang", lang);

        Clean(r);
        Assert.Equal(2, r.Exit);
        Assert.Contains(expected, r.Err, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("xx_YY")]
    [InlineData("plx")]
    public async Task Another_language_is_refused_when_the_command_line_is_read(string lang)
    {
        var r = await RunRaw("init", "--lang", lang);

        Clean(r);
        Assert.Equal(2, r.Exit);
        Assert.Contains(lang, r.Err);
        Assert.False(File.Exists(ConfigFile));
    }

    [Theory]
    [InlineData("firms")]
    [InlineData("show", "5260250274")]
    [InlineData("approve", "5260250274")]
    public void A_panel_command_before_init_says_to_run_init(params string[] args)
    {
        var r = _cli.Run(["panel", .. args]);

        Assert.Equal(2, r.Exit);
        Assert.Contains("konektosync init", r.Err);
        Assert.False(File.Exists(PanelDb));
    }

    [Fact]
    public void The_help_of_a_panel_command_is_shown_before_init()
    {
        var r = _cli.Run("panel", "firms", "--help");

        Assert.Equal(0, r.Exit);
        Assert.Contains("panel firms", r.Out);
    }

    [Theory]
    [InlineData("log")]
    [InlineData("firms")]
    [InlineData("firms", "--refresh")]
    public void A_damaged_state_database_is_named_with_what_to_do_by_every_command(params string[] args)
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        _cli.Run("panel", "firms");
        SqliteConnection.ClearAllPools();
        File.WriteAllText(StateDb, "this is not a database, it was overwritten");

        var r = _cli.Run(args);

        Clean(r);
        Assert.Equal(1, r.Exit);
        Assert.Contains(StateDb, r.Err);
        Assert.Contains("away", r.Err);
    }

    [Theory]
    [InlineData("panel", "firms")]
    [InlineData("panel", "show", "5260250274")]
    [InlineData("panel", "approve", "5260250274")]
    public void A_truncated_panel_database_is_named_with_what_to_do_by_every_command(params string[] args)
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        Assert.Equal(0, _cli.Run("panel", "firms").Exit);
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(PanelDb);
        File.WriteAllBytes(PanelDb, bytes[..(bytes.Length / 3)]);
        File.WriteAllText(PanelDb, "garbage in place of the panel");

        var r = _cli.Run(args);

        Clean(r);
        Assert.Equal(1, r.Exit);
        Assert.Contains(PanelDb, r.Err);
        Assert.Contains("backup", r.Err);
    }

    [Theory]
    [InlineData("selectedFirms")]
    [InlineData("kinds")]
    public void Null_where_the_configuration_expects_a_list_is_a_configuration_error_naming_the_file(string property)
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var json = File.ReadAllText(ConfigFile);
        var edited = System.Text.RegularExpressions.Regex.Replace(json,
            $"\"{property}\"\\s*:\\s*\\[[^\\]]*\\]", $"\"{property}\": null");
        Assert.NotEqual(json, edited);
        File.WriteAllText(ConfigFile, edited);

        foreach (var r in new[] { _cli.Run("firms"), _cli.Run("sync"), _cli.Run("settings") })
        {
            Clean(r);
            Assert.Equal(2, r.Exit);
            Assert.Contains(ConfigFile, r.Err);
            Assert.Contains(property, r.Err);
        }
    }
}
