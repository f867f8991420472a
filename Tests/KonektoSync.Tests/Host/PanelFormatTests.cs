using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using KonektoSync.Load.Panel;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Host;

/// <summary>Amounts and dates in `panel show` follow the reader's language; --json stays invariant.</summary>
public sealed class PanelFormatTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose() => _cli.Dispose();

    private async Task Seed()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var panel = await LocalPanel.Open(Path.Combine(_cli.DataDir, "panel.db"), true, TimeProvider.System, TestKeys.Pesel, default);
        await panel.Deliver(Batch(Run("r1"),
            Command(DataKind.Taxes, Tax(FirmA, TaxKind.Vat7, Month(2025, 2), 1184.27m)), FactStatus.New), default);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Panel_show_in_polish_writes_amounts_with_a_decimal_comma_and_zl_and_dates_day_first()
    {
        await Seed();

        var r = _cli.RunIn("pl", "panel", "show", FirmA.Value);

        Assert.Equal(0, r.Exit);
        Assert.Contains("amount=1 184,27 zł", r.Out);
        Assert.Contains("due_date=25.03.2025", r.Out);
    }

    [Fact]
    public async Task Panel_show_in_english_keeps_the_invariant_format()
    {
        await Seed();

        var r = _cli.Run("panel", "show", FirmA.Value);

        Assert.Equal(0, r.Exit);
        Assert.Contains("amount=1184.27", r.Out);
        Assert.Contains("due_date=2025-03-25", r.Out);
    }

    [Fact]
    public async Task Panel_show_json_is_invariant_in_polish()
    {
        await Seed();

        var en = _cli.Run("panel", "show", FirmA.Value, "--json");
        var pl = _cli.RunIn("pl", "panel", "show", FirmA.Value, "--json");

        Assert.Equal(en.Out, pl.Out);
        Assert.Contains("1184.27", pl.Out);
        Assert.DoesNotContain("zł", pl.Out);
    }
}
