using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Host;

/// <summary>
/// `panel export DIR` and `sync --dry-run DIR` never write through a link planted in DIR: the
/// file outside DIR that the link points to stays as it was.
/// </summary>
public sealed class SymlinkTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _root = Directory.CreateTempSubdirectory("konektosync-links-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private string Outside(string name)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, "precious");
        return path;
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    /// <summary>Links in DIR at the target's name and at every name the old code used for its temporary file.</summary>
    private static void Plant(string dir, string file, string outside)
    {
        File.CreateSymbolicLink(Path.Combine(dir, file), outside);
        File.CreateSymbolicLink(Path.Combine(dir, file + ".tmp"), outside);
    }

    [Fact]
    public void Panel_export_replaces_a_link_in_the_folder_and_leaves_the_file_it_points_to_untouched()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(0, _cli.Run("init").Exit);
        var dir = Folder("export");
        var firms = Outside("firms-outside.txt");
        var zus = Outside("zus-outside.txt");
        Plant(dir, "firms.csv", firms);
        Plant(dir, "zus.csv", zus);

        var export = _cli.Run("panel", "export", dir);

        Assert.Equal(0, export.Exit);
        Assert.Equal(("precious", "precious"), (File.ReadAllText(firms), File.ReadAllText(zus)));
        var written = new FileInfo(Path.Combine(dir, "firms.csv"));
        Assert.Null(written.LinkTarget);
        Assert.StartsWith("nip,name", File.ReadAllText(written.FullName));
    }

    [Fact]
    public void Panel_export_never_writes_into_a_folder_a_link_in_the_export_folder_points_to()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(0, _cli.Run("init").Exit);
        var dir = Folder("export");
        var outside = Folder("outside");
        Directory.CreateSymbolicLink(Path.Combine(dir, "firms.csv"), outside);

        var export = _cli.Run("panel", "export", dir);

        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.DoesNotContain("   at ", export.Out + export.Err);
        Assert.Null(new FileInfo(Path.Combine(dir, "firms.csv")).LinkTarget);
    }

    [Fact]
    public void A_dry_run_replaces_a_link_in_its_folder_and_leaves_the_file_it_points_to_untouched()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(0, _cli.Run("init").Exit);
        var dir = Folder("dry");
        var taxes = Outside("taxes-outside.txt");
        var basic = Outside("basic-outside.txt");
        Plant(dir, "taxes.csv", taxes);
        Plant(dir, "basic.csv", basic);

        _cli.Run("sync", "--from", "2024-01", "--to", "2024-01", "--dry-run", dir);

        Assert.Equal(("precious", "precious"), (File.ReadAllText(taxes), File.ReadAllText(basic)));
        Assert.Null(new FileInfo(Path.Combine(dir, "taxes.csv")).LinkTarget);
        Assert.StartsWith("status,", File.ReadAllText(Path.Combine(dir, "taxes.csv")));
    }

    [Fact]
    public void Panel_export_to_an_existing_file_is_a_usage_error_naming_it_and_the_file_is_kept()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var file = Outside("not-a-folder.csv");

        var export = _cli.Run("panel", "export", file);

        Assert.Equal(2, export.Exit);
        Assert.Contains(file, export.Err);
        Assert.Contains("not a folder", export.Err);
        Assert.DoesNotContain("   at ", export.Err);
        Assert.Equal("precious", File.ReadAllText(file));
    }
}
