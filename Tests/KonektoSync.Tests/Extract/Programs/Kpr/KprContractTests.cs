using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Kpr;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Files;

namespace KonektoSync.Tests.Extract.Programs.Kpr;

public sealed class KprFixture() : FileSampleFixture(new KprSampleWriter(), "C");

/// <summary>The connector contract on the sample of <see cref="KprSampleWriter"/> (exports already in the year folders, as on Linux).</summary>
[Collection("Firebird")]
public sealed class KprContractTests(FirebirdFixture fb, KprFixture kpr) : TableFilesContract(fb), IClassFixture<KprFixture>
{
    protected override IProgramConnector Connector(DetectPlaces places) => KprProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((kpr.Folder, kpr.Sample));
    protected override string Scratch => kpr.Root;

    protected override IEnumerable<string> FilesOf(string copy, string table) =>
        Directory.EnumerateFiles(copy, table + ".TXT", SearchOption.AllDirectories);

    protected override (string File, string Table) TaxesTable => ("", "KS_DEKL");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("", "KS_FIRMA", "NIP", "column.firm.nip");

    protected override Task Alter(string copy, string file, string sql)
    {
        var words = sql.Split(' ');
        if (words[1] == "TABLE") return base.Alter(copy, file, sql);
        var (table, column) = (words[2].Split('.')[0], words[2].Split('.')[1]);
        foreach (var f in FilesOf(copy, table))
        {
            var lines = File.ReadAllLines(f, KonektoSync.Extract.Samples.SampleEncodings.Get(1250));
            var header = lines[0].Split(';');
            var at = Array.IndexOf(header, column);
            lines = words[0] == "RENAME"
                ? [lines[0].Replace(column, words[4]), .. lines[1..]]
                : lines.Select(l => string.Join(';', l.Split(';').Where((_, i) => i != at))).ToArray();
            File.WriteAllLines(f, lines, KonektoSync.Extract.Samples.SampleEncodings.Get(1250));
        }
        return Task.CompletedTask;
    }

    /// <summary>The firm's declarations export cut in the middle of a line.</summary>
    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        var file = Path.Combine(copy, $"{firm.FirmKey}_{FirebirdFixture.Year}", "KS_DEKL.TXT");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        return Task.CompletedTask;
    }
}
