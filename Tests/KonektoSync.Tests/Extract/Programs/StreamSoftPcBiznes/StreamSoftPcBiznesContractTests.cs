using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.StreamSoftPcBiznes;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Files;

namespace KonektoSync.Tests.Extract.Programs.StreamSoftPcBiznes;

public sealed class PcBiznesFixture() : FileSampleFixture(new StreamSoftPcBiznesSampleWriter(), Path.Combine("ProgramData", "StreamSoft"));

/// <summary>
/// The connector contract on the sample of <see cref="StreamSoftPcBiznesSampleWriter"/>: Paradox tables
/// under Ala\DANE\&lt;firm&gt;\&lt;year&gt;, Aga\DANE\&lt;firm&gt; and Aga\DANE\&lt;firm&gt;\&lt;year&gt;; columns are
/// dropped and renamed by rewriting the tables.
/// </summary>
[Collection("Firebird")]
public sealed class StreamSoftPcBiznesContractTests(FirebirdFixture fb, PcBiznesFixture pc)
    : TableFilesContract(fb), IClassFixture<PcBiznesFixture>
{
    protected override IProgramConnector Connector(DetectPlaces places) => StreamSoftPcBiznesProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((pc.Folder, pc.Sample));
    protected override string Scratch => pc.Root;

    protected override IEnumerable<string> FilesOf(string copy, string table) =>
        Directory.EnumerateFiles(copy, table + ".db", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive });

    protected override (string File, string Table) TaxesTable => ("", "Rejvat");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("", "Firma", "NIP", "column.firm.nip");

    protected override void DropColumnIn(string file, string column) => ParadoxEdit.DropColumn(file, column);
    protected override void RenameColumnIn(string file, string column, string to) => ParadoxEdit.RenameColumn(file, column, to);

    /// <summary>The firm's VAT register cut short inside its header.</summary>
    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(copy, "Ala", "DANE", firm.FirmKey), "Rejvat.db", SearchOption.AllDirectories))
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]);
        return Task.CompletedTask;
    }
}
