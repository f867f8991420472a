using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Ramzes;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Ramzes;

/// <summary>Ramzes on Firebird (our model): the contract on the sample of <see cref="RamzesSampleWriter"/>.</summary>
public abstract class RamzesContract(FirebirdFixture fb) : ConnectorContract(fb)
{
    protected override IProgramConnector Connector(DetectPlaces places) => RamzesProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => RamzesSample.Of(Fb);
    protected override (string File, string Table) TaxesTable => (RamzesSampleWriter.File, "DEKLARACJE");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        (RamzesSampleWriter.File, "FIRMY", "NIP", "column.firms.nip");

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        FirebirdFixture.Execute(Path.Combine(copy, RamzesSampleWriter.File), $"DELETE FROM FIRMY WHERE ID = {int.Parse(firm.FirmKey)}");
}

[Collection("Firebird")]
public sealed class RamzesServerContractTests(FirebirdFixture fb) : RamzesContract(fb)
{
    protected override string Mode => "server";
}

[Collection("Firebird")]
public sealed class RamzesEmbeddedContractTests(FirebirdFixture fb) : RamzesContract(fb)
{
    protected override string Mode => "embedded";
}
