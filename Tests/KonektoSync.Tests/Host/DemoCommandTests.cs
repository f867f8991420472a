using KonektoSync.Host.Cli;

namespace KonektoSync.Tests.Host;

/// <summary>`demo` writes only into new folders of its own and never removes a file it did not make.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _root = Directory.CreateTempSubdirectory("konektosync-demo-test-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private string Precious(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "precious");
        return path;
    }

    [Fact]
    public void An_existing_folder_is_refused_without_force_and_left_as_it_was()
    {
        var folder = Path.Combine(_root, "office");
        var kept = Precious(folder, "ksiegi.txt");

        var demo = _cli.Run("demo", "--folder", folder);

        Assert.Equal(2, demo.Exit);
        Assert.Contains(folder, demo.Err);
        Assert.Contains("--force", demo.Err);
        Assert.Equal("precious", File.ReadAllText(kept));
        Assert.Equal([kept], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_data_folder_with_a_configuration_is_refused_without_force_and_its_configuration_is_kept()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var config = Path.Combine(_cli.DataDir, "konektosync.json");
        var before = File.ReadAllBytes(config);

        var demo = _cli.Run("demo", "--folder", Path.Combine(_root, "new-office"));

        Assert.Equal(2, demo.Exit);
        Assert.Contains(_cli.DataDir, demo.Err);
        Assert.Equal(before, File.ReadAllBytes(config));
        Assert.False(Directory.Exists(Path.Combine(_root, "new-office")));
    }

    [Fact]
    public void With_force_a_real_configuration_is_still_refused_because_the_demo_did_not_make_it()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var config = Path.Combine(_cli.DataDir, "konektosync.json");
        var before = File.ReadAllBytes(config);

        var demo = _cli.Run("demo", "--folder", Path.Combine(_root, "new-office"), "--force");

        Assert.Equal(2, demo.Exit);
        Assert.Contains("konektosync.json", demo.Err);
        Assert.Equal(before, File.ReadAllBytes(config));
    }

    [Fact]
    public void With_force_a_file_the_demo_did_not_make_in_its_own_place_is_kept_and_the_demo_refused()
    {
        var folder = Path.Combine(_root, "office");
        var kept = Precious(Path.Combine(folder, "raks", "Data"), "Raks3000.fdb");

        var demo = _cli.Run("demo", "--folder", folder, "--force");

        Assert.Equal(2, demo.Exit);
        Assert.Contains(kept, demo.Err);
        Assert.Equal("precious", File.ReadAllText(kept));
    }

    [Fact]
    public void A_folder_given_as_a_file_is_refused()
    {
        var file = Precious(_root, "office.txt");

        var demo = _cli.Run("demo", "--folder", file);

        Assert.Equal(2, demo.Exit);
        Assert.Contains("not a folder", demo.Err);
        Assert.Equal("precious", File.ReadAllText(file));
    }

    [Fact]
    public void Without_a_folder_each_run_gets_a_new_empty_folder_of_its_own()
    {
        var one = DemoFolder.Prepare(null, null, force: false).RightToSeq().Head;
        var two = DemoFolder.Prepare(null, null, force: false).RightToSeq().Head;
        try
        {
            Assert.NotEqual(one.Root, two.Root);
            Assert.Empty(Directory.GetFileSystemEntries(one.Root));
            Assert.Equal(Path.Combine(one.Root, "data"), one.DataDir);
        }
        finally
        {
            Directory.Delete(one.Root, true);
            Directory.Delete(two.Root, true);
        }
    }
}
