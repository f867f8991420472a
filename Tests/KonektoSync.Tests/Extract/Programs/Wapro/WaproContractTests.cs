using KonektoSync.Domain;
using KonektoSync.Extract.Programs.Wapro;
using KonektoSync.Extract.Programs.WaproFakir;
using KonektoSync.Extract.Programs.WaproKaper;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Wapro;

public sealed class WaproFakirFixture() : ServerDatabaseFixture(ProgramId.WaproFakir, name =>
{
    var w = WaproSampleWriter.Fakir(name, SampleServer.PostgreSql);
    return (w, w.Drop);
}, WaproFakirProgram.On);

public sealed class WaproKaperFixture() : ServerDatabaseFixture(ProgramId.WaproKaper, name =>
{
    var w = WaproSampleWriter.Kaper(name, SampleServer.PostgreSql);
    return (w, w.Drop);
}, WaproKaperProgram.On);

/// <summary>The connector contract for a WAPRO program on the PostgreSQL stand-in for SQL Server (a broken firm is a deleted FIRMA row).</summary>
public abstract class WaproContract(FirebirdFixture fb, ServerDatabaseFixture wapro) : ServerDatabaseContract(fb, wapro)
{
    protected override (string Table, string Key) FirmsTable => ("dbo.FIRMA", "ID_FIRMY");
    protected override (string File, string Table) TaxesTable => ("main", "dbo.DEKLARACJA");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("main", "dbo.FIRMA", "NIP", "column.firms.nip");
}

[Collection("Firebird")]
public sealed class WaproFakirContractTests(FirebirdFixture fb, WaproFakirFixture wapro)
    : WaproContract(fb, wapro), IClassFixture<WaproFakirFixture>;

[Collection("Firebird")]
public sealed class WaproKaperContractTests(FirebirdFixture fb, WaproKaperFixture wapro)
    : WaproContract(fb, wapro), IClassFixture<WaproKaperFixture>;
