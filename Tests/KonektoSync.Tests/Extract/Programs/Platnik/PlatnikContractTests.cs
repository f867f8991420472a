using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>The connector contract for Płatnik on its Access stand-in (the SQLite ODBC driver, Płatnik's table names).</summary>
[Collection("Firebird")]
public sealed class PlatnikAccessContractTests(FirebirdFixture fb, PlatnikFixture platnik) : ConnectorContract(fb), IClassFixture<PlatnikFixture>
{
    protected override string Mode => "file";
    protected override string? RightPassword => "Platnik-Haslo-55";
    protected override IProgramConnector Connector(DetectPlaces places) => PlatnikProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((platnik.Folder, platnik.Sample));

    protected override ProgramConfig Config(string folder, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        PlatnikFixture.Config(folder, password == FirebirdFixture.Password ? RightPassword : password, profileDir);

    protected override Task<string> Copy(string name) => Task.FromResult(platnik.Copy(name));

    protected override Task Alter(string copy, string file, string sql)
    {
        PlatnikFixture.Execute(Path.Combine(copy, file), sql);
        return Task.CompletedTask;
    }

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {table} DROP COLUMN {column}";
    protected override string RenameColumn(string table, string column, string to) => $"ALTER TABLE {table} RENAME COLUMN {column} TO {to}";

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        Alter(copy, PlatnikSampleWriter.File, $"DELETE FROM PLATNIK WHERE ID = {int.Parse(firm.FirmKey)}");

    protected override (string File, string Table) TaxesTable => (PlatnikSampleWriter.File, "ZUSDRA");
    protected override DataKind TableKind => DataKind.Zus;
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        (PlatnikSampleWriter.File, "PLATNIK", "NAZWASKR", "column.payers.shortName");
}
