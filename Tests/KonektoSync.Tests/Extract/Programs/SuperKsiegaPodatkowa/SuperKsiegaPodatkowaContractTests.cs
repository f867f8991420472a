using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.SuperKsiegaPodatkowa;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Files;

namespace KonektoSync.Tests.Extract.Programs.SuperKsiegaPodatkowa;

public sealed class SkpFixture() : FileSampleFixture(new SuperKsiegaPodatkowaSampleWriter(), Path.Combine("SKP", "2024"));

/// <summary>The connector contract on the sample of <see cref="SuperKsiegaPodatkowaSampleWriter"/> (one year's folder).</summary>
[Collection("Firebird")]
public sealed class SuperKsiegaPodatkowaContractTests(FirebirdFixture fb, SkpFixture skp)
    : TableFilesContract(fb), IClassFixture<SkpFixture>
{
    protected override IProgramConnector Connector(DetectPlaces places) => SuperKsiegaPodatkowaProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((skp.Folder, skp.Sample));
    protected override string Scratch => skp.Root;

    protected override IEnumerable<string> FilesOf(string copy, string table) =>
        Directory.EnumerateFiles(copy, table + ".DBF", SearchOption.AllDirectories);

    protected override (string File, string Table) TaxesTable => ("", "DEKLARAC");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("", "FIRMA", "NIP", "column.firm.nip");

    /// <summary>The firm's declarations file cut short.</summary>
    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        var file = Path.Combine(copy, firm.FirmKey, "DEKLARAC.DBF");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..10]);
        return Task.CompletedTask;
    }
}
