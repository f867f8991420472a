using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// A panel file that is lost, emptied or put back from an older copy is refilled by the next sync:
/// the journal's record of what was delivered is not trusted when the panel's identity or
/// generation disagrees with it.
/// </summary>
[Collection("EndToEnd")]
public sealed class PanelLossEndToEndTests(SyncOfficeFixture fixture) : IClassFixture<SyncOfficeFixture>, IDisposable
{
    private readonly Office _office = fixture.Office;
    private readonly CliRunner _cli = new();
    private readonly List<string> _temp = [];
    private const string From = "2024-01", To = "2024-12";

    public void Dispose()
    {
        _cli.Dispose();
        foreach (var t in _temp) try { Directory.Delete(t, true); } catch (IOException) { }
    }

    private string PanelDb => Path.Combine(_cli.DataDir, "panel.db");

    private SortedDictionary<string, byte[]> Export(CliRunner cli)
    {
        var dir = NewTemp("export");
        _temp.Add(dir);
        Ok(cli.Run("panel", "export", dir));
        return ReadExport(dir);
    }

    private string[] Sync(params string[] more) =>
        ["sync", "--from", From, "--to", To, "--firm", _office.Shared[1].Nip, "--json", .. more];

    private void RemovePanel()
    {
        foreach (var f in Directory.EnumerateFiles(_cli.DataDir, "panel.db*")) File.Delete(f);
    }

    private List<string> LoggedCodes() =>
        Ok(_cli.Run("log", "--json")).Json.EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    [Fact]
    public void A_deleted_panel_is_refilled_by_the_next_sync_and_exports_as_a_clean_runs_panel()
    {
        _office.Configure(_cli);
        var first = Ok(_cli.Run(Sync())).Json;
        var clean = Export(_cli);

        RemovePanel();
        var second = Ok(_cli.Run(Sync())).Json;
        var third = Ok(_cli.Run(Sync())).Json;

        Assert.True(first.GetProperty("factsSent").GetInt32() > 100);
        Assert.Equal(first.GetProperty("factsSent").GetInt32(), second.GetProperty("factsSent").GetInt32());
        Assert.Equal(0, third.GetProperty("factsSent").GetInt32());
        Assert.Equal(clean, Export(_cli));
        Assert.Single(LoggedCodes(), c => c == "panel.refilled");
    }

    [Fact]
    public void An_emptied_panel_file_is_refilled_by_the_next_sync()
    {
        _office.Configure(_cli);
        Ok(_cli.Run(Sync()));
        var clean = Export(_cli);

        RemovePanel();
        File.WriteAllBytes(PanelDb, []);
        var second = Ok(_cli.Run(Sync())).Json;

        Assert.True(second.GetProperty("factsSent").GetInt32() > 100);
        Assert.Equal(clean, Export(_cli));
    }

    [Fact]
    public void An_older_copy_of_the_panel_put_back_is_refilled_to_the_current_state()
    {
        _office.Configure(_cli);
        Ok(_cli.Run("sync", "--from", From, "--to", "2024-06", "--firm", _office.Shared[1].Nip));
        var copy = Path.Combine(NewTemp("panel-copy"), "panel.db");
        _temp.Add(Path.GetDirectoryName(copy)!);
        File.Copy(PanelDb, copy);
        Ok(_cli.Run(Sync()));
        var current = Export(_cli);

        RemovePanel();
        File.Copy(copy, PanelDb);
        var afterRestore = Ok(_cli.Run(Sync())).Json;

        Assert.True(afterRestore.GetProperty("factsSent").GetInt32() > 0);
        Assert.Equal(current, Export(_cli));
        Assert.Single(LoggedCodes(), c => c == "panel.refilled");
    }

    [Fact]
    public void A_panel_that_kept_everything_is_not_refilled()
    {
        _office.Configure(_cli);
        Ok(_cli.Run(Sync()));
        Ok(_cli.Run(Sync("--approve")));
        var again = Ok(_cli.Run(Sync())).Json;

        Assert.Equal(0, again.GetProperty("factsSent").GetInt32());
        Assert.DoesNotContain("panel.refilled", LoggedCodes());
    }

    [Fact]
    public void A_dry_run_after_the_panel_was_deleted_shows_everything_as_new_and_creates_no_panel()
    {
        _office.Configure(_cli);
        Ok(_cli.Run(Sync()));
        RemovePanel();
        var dry = NewTemp("dry");
        _temp.Add(dry);

        Ok(_cli.Run(Sync("--dry-run", dry)));

        var taxes = File.ReadAllLines(Path.Combine(dry, "taxes.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.NotEmpty(taxes);
        Assert.All(taxes, s => Assert.Equal("new", s));
        Assert.False(File.Exists(PanelDb));
        Assert.Contains("panel.refill-needed", LoggedCodes());
    }
}
