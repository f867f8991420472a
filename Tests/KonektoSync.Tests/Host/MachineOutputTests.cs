using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Host;

/// <summary>
/// What scripts read (--json, the CSV of panel export, plain and for a spreadsheet) keeps its bytes:
/// each is compared with the copy in golden/ taken before tables and progress were drawn by
/// Spectre.Console. A missing copy is written and the test fails, to be looked at and committed.
/// </summary>
public sealed class MachineOutputTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose() => _cli.Dispose();

    private static string Golden(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KonektoSync.sln")))
                return Path.Combine(dir.FullName, "Tests/KonektoSync.Tests/Host/golden", name);
        throw new InvalidOperationException("repository root not found");
    }

    private async Task Seed()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        _cli.Run("programs", "set", "fakt", "path=/srv/fakt", "--password-env", "KONEKTOSYNC_TEST_UNSET_PASSWORD");
        var panel = await LocalPanel.Open(Path.Combine(_cli.DataDir, "panel.db"), true, TimeProvider.System, TestKeys.Pesel, default);
        await panel.Deliver(Batch(Run("r1"),
            Command(DataKind.Taxes, Tax(FirmA, TaxKind.Vat7, Month(2025, 2), 1184.27m)), FactStatus.New), default);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private void Same(string name, string actual)
    {
        var file = Golden(name);
        var text = actual.Replace(_cli.DataDir, "<data-dir>");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
            Assert.Fail($"{file} written: check it and run again");
        }
        Assert.Equal(File.ReadAllText(file), text);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("pl")]
    public async Task Json_of_every_listing_keeps_its_bytes_in_either_language(string lang)
    {
        await Seed();

        Same("programs-list.json", _cli.RunIn(lang, "programs", "list", "--json").Out);
        Same("programs-spec-raks.json", _cli.RunIn(lang, "programs", "spec", "raks", "--json").Out);
        Same("settings.json", _cli.RunIn(lang, "settings", "--json").Out);
        Same("firms.json", _cli.RunIn(lang, "firms", "--json").Out);
        Same("panel-firms.json", _cli.RunIn(lang, "panel", "firms", "--json").Out);
        Same("panel-show.json", _cli.RunIn(lang, "panel", "show", FirmA.Value, "--json").Out);
    }

    [Theory]
    [InlineData("export", false)]
    [InlineData("export-excel", true)]
    public async Task Panel_export_csv_keeps_its_bytes(string name, bool excel)
    {
        await Seed();
        var folder = Path.Combine(_cli.DataDir, name);

        var r = excel ? _cli.Run("panel", "export", folder, "--excel") : _cli.Run("panel", "export", folder);

        Assert.Equal(0, r.Exit);
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            Same($"{name}-{Path.GetFileName(file)}", Convert.ToBase64String(File.ReadAllBytes(file)) + "\n"
                + File.ReadAllText(file));
    }
}
