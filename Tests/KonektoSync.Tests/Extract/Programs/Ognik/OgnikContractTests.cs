using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Ognik;

/// <summary>Ognik on Firebird: the contract on the sample of <see cref="OgnikSampleWriter"/>.</summary>
public abstract class OgnikContract(FirebirdFixture fb) : ConnectorContract(fb)
{
    protected override IProgramConnector Connector(DetectPlaces places) => OgnikProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => OgnikSample.Of(Fb);

    /// <summary>Declarations are in every firm's own file ("*": each .IDB of the copy).</summary>
    protected override (string File, string Table) TaxesTable => ("*", "DEKLARACJE");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("SYSTEM.IDB", "FIRMY", "NIP", "column.firms.nip");

    protected override async Task Alter(string copy, string file, string sql)
    {
        var files = file == "*" ? Directory.GetFiles(copy, "*.IDB") : [Path.Combine(copy, file)];
        foreach (var f in files) await FirebirdFixture.Execute(f, sql);
    }

    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        File.Delete(Path.Combine(copy, firm.FirmKey + ".IDB"));
        return Task.CompletedTask;
    }
}

[Collection("Firebird")]
public sealed class OgnikServerContractTests(FirebirdFixture fb) : OgnikContract(fb)
{
    protected override string Mode => "server";
}

[Collection("Firebird")]
public sealed class OgnikEmbeddedContractTests(FirebirdFixture fb) : OgnikContract(fb)
{
    protected override string Mode => "embedded";
}
