using Microsoft.Data.Sqlite;

namespace KonektoSync.Tests.Host;

/// <summary>konektosync.json: `config clear` on a broken file, and only what a person sets is written.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    private string ConfigFile => Path.Combine(_cli.DataDir, "konektosync.json");

    [Theory]
    [InlineData("{ \"programs\": { \"raks\": ")]
    [InlineData("{ \"selectedFirms\": null }")]
    public void Config_clear_on_a_broken_file_keeps_a_backup_says_so_and_leaves_a_working_configuration(string broken)
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        File.WriteAllText(ConfigFile, broken);

        var r = _cli.Run("config", "clear");

        Assert.Equal(0, r.Exit);
        var backup = Assert.Single(Directory.GetFiles(_cli.DataDir, "konektosync.json.broken-*"));
        Assert.Equal(broken, File.ReadAllText(backup));
        Assert.Contains(backup, r.Out);
        Assert.Equal(0, _cli.Run("settings").Exit);
    }

    [Fact]
    public void Values_computed_from_the_settings_are_not_written_into_the_file()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        Assert.Equal(0, _cli.Run("settings", "--match-payers", "on").Exit);

        var json = File.ReadAllText(ConfigFile);

        Assert.Contains("\"matchPayers\": true", json);
        Assert.DoesNotContain("\"global\"", json);
        Assert.DoesNotContain("\"perFirm\"", json);
        Assert.DoesNotContain("\"selected\"", json);
    }
}
