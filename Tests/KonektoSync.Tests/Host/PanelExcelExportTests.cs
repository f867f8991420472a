using System.Text;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Host;

/// <summary>`panel export --excel`: ';' between fields, a UTF-8 BOM, a decimal comma in amounts.</summary>
public sealed class PanelExcelExportTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _out = Directory.CreateTempSubdirectory("konektosync-export-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    private async Task Seed()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var panel = await LocalPanel.Open(Path.Combine(_cli.DataDir, "panel.db"), true, TimeProvider.System, TestKeys.Pesel, default);
        await panel.Deliver(Batch(Run("r1"),
            Command(DataKind.Taxes, Tax(FirmA, TaxKind.Vat7, Month(2025, 2), -1184.27m)), FactStatus.New), default);
        await panel.Deliver(Batch(Run("r1"),
            Command(DataKind.Basic, Basic(FirmA, "Zakład Ślusarski; Żółć", "biuro@zaklad.pl")), FactStatus.New), default);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Excel_export_has_a_bom_semicolons_and_a_decimal_comma_in_amounts_only()
    {
        await Seed();

        var r = _cli.Run("panel", "export", _out, "--excel");

        Assert.Equal(0, r.Exit);
        var bytes = File.ReadAllBytes(Path.Combine(_out, "taxes.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("fact_key;firm_nip;kind;period;amount;due_date;approved;source", lines[0]);
        Assert.Contains(";2025-02;-1184,27;2025-03-25;", lines[1]);
        var firms = File.ReadAllText(Path.Combine(_out, "firms.csv"), Encoding.UTF8);
        Assert.Contains("\"Zakład Ślusarski; Żółć\"", firms);
    }

    [Fact]
    public async Task Plain_export_stays_invariant_without_a_bom()
    {
        await Seed();

        var r = _cli.Run("panel", "export", _out);

        Assert.Equal(0, r.Exit);
        var bytes = File.ReadAllBytes(Path.Combine(_out, "taxes.csv"));
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("fact_key,firm_nip,kind,period,amount,due_date,approved,source", text);
        Assert.Contains(",2025-02,-1184.27,2025-03-25,", text);
    }
}
