using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>Raks on Firebird: the contract on the sample of <see cref="RaksSampleWriter"/>.</summary>
public abstract class RaksContract(FirebirdFixture fb) : ConnectorContract(fb)
{
    protected override IProgramConnector Connector(DetectPlaces places) => RaksProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((Fb.RaksFolder, Fb.Raks));
    protected override (string File, string Table) TaxesTable => ("Raks3000.fdb", "R3_DEKLARACJE");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("Raks3000.fdb", "AD_FIRMS", "TAXID", "column.firms.taxId");

    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        File.Delete(Path.Combine(copy, $"F{int.Parse(firm.FirmKey):D5}.fdb"));
        return Task.CompletedTask;
    }
}

[Collection("Firebird")]
public sealed class RaksServerContractTests(FirebirdFixture fb) : RaksContract(fb)
{
    protected override string Mode => "server";
}

[Collection("Firebird")]
public sealed class RaksEmbeddedContractTests(FirebirdFixture fb) : RaksContract(fb)
{
    protected override string Mode => "embedded";
}

/// <summary>Fakt on Firebird: the contract on the sample of <see cref="FaktSampleWriter"/>.</summary>
public abstract class FaktContract(FirebirdFixture fb) : ConnectorContract(fb)
{
    protected override IProgramConnector Connector(DetectPlaces places) => FaktProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((Fb.FaktFolder, Fb.Fakt));
    protected override (string File, string Table) TaxesTable => ("FAKT.FDB", "ARCHIWUM_WYDRUKOW");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("FAKT.FDB", "FIRMY", "NIP", "column.firms.nip");

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        FirebirdFixture.Execute(Path.Combine(copy, "FAKT.FDB"), $"DELETE FROM FIRMY WHERE ID = {int.Parse(firm.FirmKey)}");
}

[Collection("Firebird")]
public sealed class FaktServerContractTests(FirebirdFixture fb) : FaktContract(fb)
{
    protected override string Mode => "server";
}

[Collection("Firebird")]
public sealed class FaktEmbeddedContractTests(FirebirdFixture fb) : FaktContract(fb)
{
    protected override string Mode => "embedded";
}
