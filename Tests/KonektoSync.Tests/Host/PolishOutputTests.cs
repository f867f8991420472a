using KonektoSync.Domain;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Host;

/// <summary>
/// Tables, headers, on/off, "(dry run)", severities and progress in Polish have no English words;
/// in English no Polish ones.
/// </summary>
public sealed class PolishOutputTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose() => _cli.Dispose();

    private static readonly HashSet<string> Names = ["fakt", "raks", "panel", "program"];

    private async Task SeedPanel()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var panel = await LocalPanel.Open(Path.Combine(_cli.DataDir, "panel.db"), true, TimeProvider.System, TestKeys.Pesel, default);
        await panel.Deliver(Batch(Run("r1"),
            Command(DataKind.Taxes, Tax(FirmA, TaxKind.Vat7, Month(2025, 2), 1184.27m)), FactStatus.New), default);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Panel_firms_and_panel_show_in_polish_have_polish_headers()
    {
        await SeedPanel();

        var firms = _cli.RunIn("pl", "panel", "firms");
        var show = _cli.RunIn("pl", "panel", "show", FirmA.Value);

        Assert.Equal(0, firms.Exit);
        Assert.Contains("osoby", firms.Out);
        Assert.Empty(CliLanguageTests.English(firms.Out, Names));
        Assert.Contains("== podatki", show.Out);
        Assert.Empty(CliLanguageTests.English(show.Out, Names));
    }

    [Fact]
    public void Programs_list_and_settings_in_polish_say_chronione_and_tak_or_nie()
    {
        _cli.Run("init");
        _cli.Run("programs", "set", "fakt", "path=/srv/fakt", "--password-env", "KONEKTOSYNC_TEST_UNSET_PASSWORD");

        var list = _cli.RunIn("pl", "programs", "list");
        var settings = _cli.RunIn("pl", "settings");

        Assert.Contains("password=(chronione)", list.Out);
        Assert.Empty(CliLanguageTests.English(list.Out, Names));
        Assert.Matches(@"update-basic-data\s+tak\s", settings.Out);
        Assert.Empty(CliLanguageTests.English(settings.Out, Names));
    }

    [Fact]
    public void A_dry_run_and_its_log_in_polish_have_no_english_words_and_in_english_no_polish_ones()
    {
        _cli.Run("init");
        _cli.Run("programs", "set", "fakt", "path=/srv/fakt", "--password-env", "KONEKTOSYNC_TEST_UNSET_PASSWORD");

        var pl = _cli.RunIn("pl", "sync", "--dry-run", Path.Combine(_cli.DataDir, "dry-pl"));
        var logPl = _cli.RunIn("pl", "log");
        var en = _cli.RunIn("en", "sync", "--dry-run", Path.Combine(_cli.DataDir, "dry-en"));
        var logEn = _cli.RunIn("en", "log");

        Assert.Contains("(na próbę)", pl.Out);
        Assert.Contains("[błąd]", logPl.Out);
        Assert.Contains("popraw konfigurację", logPl.Out);
        Assert.Empty(CliLanguageTests.English(pl.Out + pl.Err + logPl.Out, Names));
        Assert.Contains("(dry run)", en.Out);
        Assert.Contains("[error]", logEn.Out);
        Assert.Empty(CliLanguageTests.Polish(en.Out + en.Err + logEn.Out));
    }

    [Fact]
    public void Progress_in_polish_reads_firma_3_z_13_rekordow_812()
    {
        var err = new StringWriter();
        KonektoSync.Host.Texts.Texts.UseLanguage("pl");
        try { new ConsoleProgress(err, KonektoSync.Host.Cli.Screen.Redirected).Report(new ProgramProgress(ProgramId.Raks, 3, 13, 812, false)); }
        finally { KonektoSync.Host.Texts.Texts.UseLanguage("en"); }

        Assert.Equal("raks: firma 3 z 13, rekordów: 812", err.ToString().TrimEnd());
    }
}
