using System.Text.RegularExpressions;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;
using KonektoSync.Tests.Extract.Kit.Example;
using Npgsql;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>Płatnik's SQL Server storage on the PostgreSQL stand-in: a database per sample, same tables and columns.</summary>
public sealed class PlatnikServerFixture : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    public string Database { get; private set; } = "";
    public SampleInfo Sample { get; private set; } = null!;

    public async Task InitializeAsync() => (Database, Sample) = await Write();

    /// <summary>A new database holding the sample (the same seed: the same data).</summary>
    public async Task<(string Database, SampleInfo Info)> Write()
    {
        var name = "ks_platnik_" + Guid.NewGuid().ToString("N")[..10];
        await ExampleSampleWriter.Run(ExampleSampleWriter.Server, $"CREATE DATABASE {name}", CancellationToken.None);
        lock (_databases) _databases.Add(name);
        var (statements, info) = PlatnikSampleWriter.Statements(FirebirdFixture.Spec);
        await using var c = await ExampleSampleWriter.Open(name, CancellationToken.None);
        await PlatnikSampleWriter.Execute(c, statements, i => $"${i + 1}", v => v ?? DBNull.Value, CancellationToken.None);
        return (name, info with { Folder = name, Files = [name] });
    }

    public static async Task Execute(string database, string sql)
    {
        await using var c = await ExampleSampleWriter.Open(database, CancellationToken.None);
        await ExampleSampleWriter.Exec(c, sql, CancellationToken.None);
    }

    public static IProgramConnector Connector(DetectPlaces? places = null) =>
        new ProgramDriver(PlatnikProgram.Define(SqlDialect.PostgreSql), places ?? DetectPlaces.None);

    public static ProgramConfig Config(string database, string? password = "konekto", string? profileDir = null)
    {
        var values = new Dictionary<string, string>
        {
            ["storage"] = "sqlserver", ["host"] = "127.0.0.1", ["port"] = "5432", ["user"] = "konekto", ["database"] = database,
        };
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(ProgramId.Platnik, values, password is null ? null : new Secret(password));
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var db in _databases)
            await ExampleSampleWriter.Run(ExampleSampleWriter.Server, $"DROP DATABASE IF EXISTS {db} WITH (FORCE)", CancellationToken.None);
    }
}

/// <summary>The connector contract for Płatnik on SQL Server, on the PostgreSQL stand-in.</summary>
[Collection("Firebird")]
public sealed class PlatnikServerContractTests(FirebirdFixture fb, PlatnikServerFixture platnik)
    : ConnectorContract(fb), IClassFixture<PlatnikServerFixture>
{
    protected override string Mode => "server";
    protected override string? RightPassword => null; // the test login's password is its user name
    protected override bool DetectsHere => false;
    protected override IProgramConnector Connector(DetectPlaces places) => PlatnikServerFixture.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((platnik.Database, platnik.Sample));

    protected override ProgramConfig Config(string database, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        PlatnikServerFixture.Config(database, password == FirebirdFixture.Password ? "konekto" : password, profileDir);

    protected override async Task<string> Copy(string name) => (await platnik.Write()).Database;

    private static readonly string[] Keywords = ["DROP", "TABLE", "ALTER", "COLUMN", "RENAME", "TO", "DELETE", "FROM", "WHERE"];

    // Płatnik's names are upper case: PostgreSQL needs them quoted
    protected override Task Alter(string copy, string file, string sql) =>
        PlatnikServerFixture.Execute(copy, Regex.Replace(sql, "\\b[A-Z][A-Z0-9_]+\\b", m => Keywords.Contains(m.Value) ? m.Value : $"\"{m.Value}\""));

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {table} DROP COLUMN {column}";
    protected override string RenameColumn(string table, string column, string to) => $"ALTER TABLE {table} RENAME COLUMN {column} TO {to}";

    protected override Task BreakFirm(string copy, SampleFirmInfo firm) =>
        Alter(copy, "", $"DELETE FROM PLATNIK WHERE ID = {int.Parse(firm.FirmKey)}");

    protected override (string File, string Table) TaxesTable => ("", "ZUSDRA");
    protected override DataKind TableKind => DataKind.Zus;
    protected override (string File, string Table, string Column, string Item) FirmColumn => ("", "PLATNIK", "NAZWASKR", "column.payers.shortName");
}
