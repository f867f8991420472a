using KonektoSync.Domain;
using KonektoSync.Extract.Programs.Reset2;
using KonektoSync.Extract.Programs.Reset2Firma;
using KonektoSync.Extract.Programs.Reset2Ksiega;
using KonektoSync.Extract.Programs.Reset2Platnik;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Reset2;

public sealed class Reset2FirmaFixture() : ServerDatabaseFixture(ProgramId.Reset2Firma, name =>
{
    var w = Reset2SampleWriter.Firma(name, SampleServer.PostgreSql);
    return (w, w.Drop);
}, Reset2FirmaProgram.On);

public sealed class Reset2KsiegaFixture() : ServerDatabaseFixture(ProgramId.Reset2Ksiega, name =>
{
    var w = Reset2SampleWriter.Ksiega(name, SampleServer.PostgreSql);
    return (w, w.Drop);
}, Reset2KsiegaProgram.On);

/// <summary>The connector contract for a Reset2 program on the PostgreSQL stand-in for SQL Server (a broken firm is a deleted FIRMY row).</summary>
public abstract class Reset2Contract(FirebirdFixture fb, ServerDatabaseFixture reset2) : ServerDatabaseContract(fb, reset2)
{
    protected override (string Table, string Key) FirmsTable => ("dbo.FIRMY", "ID");
    protected override (string File, string Table) TaxesTable => ("main", "dbo.ZOBOWIAZANIA");
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("main", "dbo.FIRMY", "NIP", "column.firms.nip");
}

[Collection("Firebird")]
public sealed class Reset2FirmaContractTests(FirebirdFixture fb, Reset2FirmaFixture reset2)
    : Reset2Contract(fb, reset2), IClassFixture<Reset2FirmaFixture>;

[Collection("Firebird")]
public sealed class Reset2KsiegaContractTests(FirebirdFixture fb, Reset2KsiegaFixture reset2)
    : Reset2Contract(fb, reset2), IClassFixture<Reset2KsiegaFixture>;

public sealed class Reset2PlatnikFixture() : ServerDatabaseFixture(ProgramId.Reset2Platnik, name =>
{
    var w = new Reset2PlatnikSampleWriter(name, SampleServer.PostgreSql);
    return (w, w.Drop);
}, Reset2PlatnikProgram.On);

/// <summary>The connector contract for Reset2 Płatnik on the PostgreSQL stand-in: ZUS from the payroll lines of NPOZLIST.</summary>
[Collection("Firebird")]
public sealed class Reset2PlatnikContractTests(FirebirdFixture fb, Reset2PlatnikFixture reset2)
    : ServerDatabaseContract(fb, reset2), IClassFixture<Reset2PlatnikFixture>
{
    protected override (string Table, string Key) FirmsTable => ("dbo.FIRMA", "X_I");
    protected override (string File, string Table) TaxesTable => ("main", "dbo.NPOZLIST");
    protected override DataKind TableKind => DataKind.Zus;
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("main", "dbo.FIRMA", "NIP", "column.firms.nip");
}
