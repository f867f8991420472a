using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>The whole demo, twice into the same folder: the second run needs --force and keeps what a person put there.</summary>
[Collection("EndToEnd")]
public sealed class DemoEndToEndTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _root = Directory.CreateTempSubdirectory("konektosync-demo-e2e-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_demo_writes_a_new_folder_says_where_and_a_forced_second_run_keeps_files_it_did_not_make()
    {
        await Office.RequireFirebird();
        var folder = Path.Combine(_root, "Biuro");

        var first = _cli.Run("demo", "--folder", folder);
        var notes = Path.Combine(folder, "notatki.txt");
        File.WriteAllText(notes, "precious");
        var refused = _cli.Run("demo", "--folder", folder);
        var second = _cli.Run("demo", "--folder", folder, "--force");
        var firms = _cli.Run("panel", "firms", "--json");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains(folder, first.Out);
        Assert.Contains(_cli.DataDir, first.Out);
        Assert.Equal(2, refused.Exit);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal("precious", File.ReadAllText(notes));
        Assert.True(firms.Json.GetArrayLength() > 20);
    }
}
