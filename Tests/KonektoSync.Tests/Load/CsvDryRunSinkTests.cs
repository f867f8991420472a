using System.Text;
using KonektoSync.Domain;
using KonektoSync.Load.Csv;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

public sealed class CsvDryRunSinkTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Creating_the_dry_run_writes_the_four_files_with_headers_only()
    {
        var sut = await CsvDryRunSink.Create(folder.File("dry"), default);

        var actual = DataKinds.All.Select(k => File.ReadAllLines(sut.PathOf(k)).Length);

        Assert.Equal([1, 1, 1, 1], actual);
    }

    [Fact]
    public async Task Each_row_carries_its_status_and_invariant_amounts()
    {
        var sut = await CsvDryRunSink.Create(folder.File("dry"), default);
        var batch = new DeliveryBatch(Run("r1"), FirmA, DataKind.Taxes, true,
            [new DeliveryItem(Tax(FirmA, TaxKind.Vat7, Month(2024, 2), 1234.5m), FactStatus.Changed),
             new DeliveryItem(Tax(FirmA, TaxKind.Pit4, Month(2024, 1), 7m), FactStatus.Unchanged)]);

        await sut.Deliver(batch, default);

        Assert.Equal(
            ["status,key,firm,source,approve,period,tax,amount,due_date",
             "unchanged,1234563218|taxes|2024-01|PIT-4,1234563218,optima,yes,2024-01,PIT-4,7.00,2024-02-25",
             "changed,1234563218|taxes|2024-02|VAT-7,1234563218,optima,yes,2024-02,VAT-7,1234.50,2024-03-25"],
            File.ReadAllLines(sut.PathOf(DataKind.Taxes)));
    }

    [Fact]
    public async Task The_files_are_utf8_without_a_byte_order_mark()
    {
        var sut = await CsvDryRunSink.Create(folder.File("dry"), default);

        await sut.Deliver(Batch(Run("r1"), Command(DataKind.Basic, Basic(FirmA, "Zakład Łódź", null)),
            FactStatus.New), default);

        var bytes = File.ReadAllBytes(sut.PathOf(DataKind.Basic));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("Zakład Łódź", new UTF8Encoding(false, true).GetString(bytes));
    }

    [Fact]
    public async Task Delivering_a_batch_twice_gives_the_same_file()
    {
        var sut = await CsvDryRunSink.Create(folder.File("dry"), default);
        var batch = Batch(Run("r1"), Command(DataKind.Statements,
            TrialBalance(FirmA, Month(2024, 1), "201", 5m), TaxBook(FirmA, Month(2024, 1), 9m)),
            FactStatus.New);
        await sut.Deliver(batch, default);
        var once = File.ReadAllBytes(sut.PathOf(DataKind.Statements));

        await sut.Deliver(batch, default);

        Assert.Equal(once, File.ReadAllBytes(sut.PathOf(DataKind.Statements)));
        Assert.Equal(3, File.ReadAllLines(sut.PathOf(DataKind.Statements)).Length);
    }

    [Fact]
    public async Task A_zus_row_has_as_many_fields_as_its_header()
    {
        var sut = await CsvDryRunSink.Create(folder.File("dry"), default);

        await sut.Deliver(Batch(Run("r1"), Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 100m)),
            FactStatus.New), default);

        var lines = File.ReadAllLines(sut.PathOf(DataKind.Zus));
        Assert.Equal(lines[0].Split(',').Length, lines[1].Split(',').Length);
    }
}
