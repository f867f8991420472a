using System.Collections.Concurrent;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Finka;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Finka;

/// <summary>The Finka samples of a Firebird fixture, one folder per program, written once on first use.</summary>
internal static class FinkaSample
{
    private static readonly ConcurrentDictionary<(string, ProgramId), Lazy<Task<(string, SampleInfo)>>> Written = new();

    public static Task<(string Folder, SampleInfo Info)> Of(FirebirdFixture fb, ProgramId program) =>
        Written.GetOrAdd((fb.Root, program), key => new Lazy<Task<(string, SampleInfo)>>(async () =>
        {
            var folder = FirebirdFixture.NewFolder(Path.Combine(key.Item1, program.Code()));
            var info = await new FinkaSampleWriter(program).Write(folder, FirebirdFixture.Spec, CancellationToken.None);
            FirebirdFixture.Share(folder);
            return (folder, info);
        })).Value;

    public static IProgramConnector Connector(ProgramId program, DetectPlaces places) => program switch
    {
        ProgramId.FinkaKpr => FinkaProgram.KprConnector(places),
        ProgramId.FinkaFk => FinkaProgram.FkConnector(places),
        _ => FinkaProgram.PlaceConnector(places),
    };
}

/// <summary>A Finka program on Firebird: the contract on the sample of <see cref="FinkaSampleWriter"/>.</summary>
public abstract class FinkaContract(FirebirdFixture fb) : ConnectorContract(fb)
{
    protected abstract ProgramId Program { get; }
    protected override IProgramConnector Connector(DetectPlaces places) => FinkaSample.Connector(Program, places);
    protected override Task<(string, SampleInfo)> Sample() => FinkaSample.Of(Fb, Program);

    /// <summary>Every firm file has the tables ("*": each .FDB of the copy).</summary>
    protected override (string File, string Table) TaxesTable => ("*", "DEKLARACJE");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("*", "FIRMA", "NIP", "column.firm.nip");

    protected override async Task Alter(string copy, string file, string sql)
    {
        var files = file == "*" ? Directory.GetFiles(copy, "*.FDB") : [Path.Combine(copy, file)];
        foreach (var f in files) await FirebirdFixture.Execute(f, sql);
    }

    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        foreach (var f in Directory.GetFiles(copy, firm.FirmKey + "*.FDB")) File.Delete(f);
        return Task.CompletedTask;
    }
}

[Collection("Firebird")]
public sealed class FinkaKprServerContractTests(FirebirdFixture fb) : FinkaContract(fb)
{
    protected override ProgramId Program => ProgramId.FinkaKpr;
    protected override string Mode => "server";
}

[Collection("Firebird")]
public sealed class FinkaKprEmbeddedContractTests(FirebirdFixture fb) : FinkaContract(fb)
{
    protected override ProgramId Program => ProgramId.FinkaKpr;
    protected override string Mode => "embedded";
}

[Collection("Firebird")]
public sealed class FinkaFkServerContractTests(FirebirdFixture fb) : FinkaContract(fb)
{
    protected override ProgramId Program => ProgramId.FinkaFk;
    protected override string Mode => "server";
}

[Collection("Firebird")]
public sealed class FinkaFkEmbeddedContractTests(FirebirdFixture fb) : FinkaContract(fb)
{
    protected override ProgramId Program => ProgramId.FinkaFk;
    protected override string Mode => "embedded";
}

/// <summary>Płace's firms are found by their tables, so detect (which opens no file) proposes none.</summary>
[Collection("Firebird")]
public sealed class FinkaPlaceServerContractTests(FirebirdFixture fb) : FinkaContract(fb)
{
    protected override ProgramId Program => ProgramId.FinkaPlace;
    protected override string Mode => "server";
    protected override bool DetectsFromPlaces => false;
}

[Collection("Firebird")]
public sealed class FinkaPlaceEmbeddedContractTests(FirebirdFixture fb) : FinkaContract(fb)
{
    protected override ProgramId Program => ProgramId.FinkaPlace;
    protected override string Mode => "embedded";
    protected override bool DetectsFromPlaces => false;
}
