using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.MalaKsiegowoscRp;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Files;

namespace KonektoSync.Tests.Extract.Programs.MalaKsiegowoscRp;

public sealed class MkRpFixture() : FileSampleFixture(new MalaKsiegowoscRpSampleWriter(), Path.Combine("MK", "Biuro"));

/// <summary>The connector contract on the sample of <see cref="MalaKsiegowoscRpSampleWriter"/> (a folder per firm, CP1250).</summary>
[Collection("Firebird")]
public sealed class MalaKsiegowoscRpContractTests(FirebirdFixture fb, MkRpFixture mk)
    : TableFilesContract(fb), IClassFixture<MkRpFixture>
{
    protected override IProgramConnector Connector(DetectPlaces places) => MalaKsiegowoscRpProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((mk.Folder, mk.Sample));
    protected override string Scratch => mk.Root;

    protected override IEnumerable<string> FilesOf(string copy, string table) =>
        Directory.EnumerateFiles(copy, table + ".DBF", SearchOption.AllDirectories);

    protected override (string File, string Table) TaxesTable => ("", "DEKLAR");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("", "DANEFIR", "NIP", "column.firm.nip");

    /// <summary>The firm's folder loses its declarations file.</summary>
    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        File.Delete(Path.Combine(copy, firm.FirmKey, "DEKLAR.DBF"));
        return Task.CompletedTask;
    }
}
