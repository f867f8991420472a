using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Buchalter;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Files;

namespace KonektoSync.Tests.Extract.Programs.Buchalter;

/// <summary>A Buchalter sample written once for a test class, in its own folder, removed at the end.</summary>
public sealed class BuchalterFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "konektosync-buchalter-" + Guid.NewGuid().ToString("N")[..8]);
    public string Folder => Path.Combine(Root, "BUCH");
    public SampleInfo Sample { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sample = await new BuchalterSampleWriter().Write(Folder, FirebirdFixture.Spec, CancellationToken.None);

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The connector contract on the sample of <see cref="BuchalterSampleWriter"/> (DBF tables per firm and year).</summary>
[Collection("Firebird")]
public sealed class BuchalterContractTests(FirebirdFixture fb, BuchalterFixture buchalter)
    : TableFilesContract(fb), IClassFixture<BuchalterFixture>
{
    protected override IProgramConnector Connector(DetectPlaces places) => BuchalterProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((buchalter.Folder, buchalter.Sample));
    protected override string Scratch => buchalter.Root;

    protected override IEnumerable<string> FilesOf(string copy, string table) =>
        Directory.EnumerateFiles(copy, table + "??.DBF", SearchOption.AllDirectories);

    protected override (string File, string Table) TaxesTable => ("", "B5DEKL");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("", "B5FIRM", "NIP", "column.firm.nip");

    /// <summary>The firm's declarations file cut short: its taxes cannot be read, its folder is still listed.</summary>
    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        var file = Path.Combine(copy, firm.FirmKey, $"B5DEKL{FirebirdFixture.Year % 100:00}.DBF");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..10]);
        return Task.CompletedTask;
    }
}
