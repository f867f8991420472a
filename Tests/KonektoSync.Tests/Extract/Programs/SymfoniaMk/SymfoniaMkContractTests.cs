using System.Data.Odbc;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Extract.Programs.SymfoniaMk;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.SymfoniaMk;

/// <summary>
/// A Symfonia MK sample written once for a test class: MKP.INI and a folder per firm, each with its
/// database on the stand-in (a SQLite file read through the SQLite ODBC driver).
/// </summary>
public sealed class SymfoniaMkFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "konektosync-symfoniamk-" + Guid.NewGuid().ToString("N")[..8]);
    public string Folder => Path.Combine(Root, "Sage");
    public string Ini => Path.Combine(Folder, MkpIni.FileName);
    public SampleInfo Sample { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sample = await new SymfoniaMkSampleWriter().Write(Folder, FirebirdFixture.Spec, CancellationToken.None);

    /// <summary>A copy of the sample (its MKP.INI naming the copy's folders); returns the copy's MKP.INI.</summary>
    public string Copy(string name)
    {
        var target = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        var cp1250 = TextEncodings.Get(1250);
        var ini = Path.Combine(target, MkpIni.FileName);
        File.WriteAllBytes(ini, cp1250.GetBytes(cp1250.GetString(File.ReadAllBytes(ini)).Replace(Folder, target, StringComparison.Ordinal)));
        return ini;
    }

    /// <summary>Test-only: changes a database of a copy through the SQLite ODBC driver (a connector never can).</summary>
    public static void Execute(string file, string sql)
    {
        using var c = new OdbcConnection($"Driver={PlatnikSampleWriter.StandInDriver};Database={OdbcTarget.SqliteUri(file, "rw")}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static ProgramConfig Config(string ini, string? password = null, string? profileDir = null)
    {
        var values = new Dictionary<string, string>(SymfoniaMkSampleWriter.StandInSettings) { ["path"] = ini };
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(ProgramId.SymfoniaMk, values, password is null ? null : new Secret(password));
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The connector contract for Symfonia MK on its ODBC stand-in (the SQLite ODBC driver, our model's table names).</summary>
[Collection("Firebird")]
public sealed class SymfoniaMkContractTests(FirebirdFixture fb, SymfoniaMkFixture mk) : ConnectorContract(fb), IClassFixture<SymfoniaMkFixture>
{
    protected override string Mode => "file";
    protected override string? RightPassword => "Symfonia-Haslo-31";
    protected override IProgramConnector Connector(DetectPlaces places) => SymfoniaMkProgram.Connector(places);
    protected override Task<(string, SampleInfo)> Sample() => Task.FromResult((mk.Ini, mk.Sample));

    protected override ProgramConfig Config(string folder, string? password = FirebirdFixture.Password, string? profileDir = null) =>
        SymfoniaMkFixture.Config(folder, password == FirebirdFixture.Password ? RightPassword : password, profileDir);

    protected override Task<string> Copy(string name) => Task.FromResult(mk.Copy(name));

    /// <summary>"*" changes every firm's database of the copy.</summary>
    protected override Task Alter(string copy, string file, string sql)
    {
        var folder = Path.GetDirectoryName(copy)!;
        var files = file == "*"
            ? Directory.EnumerateFiles(folder, SymfoniaMkSampleWriter.StandInFile, SearchOption.AllDirectories)
            : [Path.Combine(folder, file)];
        foreach (var f in files) SymfoniaMkFixture.Execute(f, sql);
        return Task.CompletedTask;
    }

    protected override string DropColumn(string table, string column) => $"ALTER TABLE {table} DROP COLUMN {column}";
    protected override string RenameColumn(string table, string column, string to) => $"ALTER TABLE {table} RENAME COLUMN {column} TO {to}";

    /// <summary>The firm's database is gone from its folder.</summary>
    protected override Task BreakFirm(string copy, SampleFirmInfo firm)
    {
        File.Delete(Path.Combine(Path.GetDirectoryName(copy)!, "Dane", firm.FirmKey, SymfoniaMkSampleWriter.StandInFile));
        return Task.CompletedTask;
    }

    protected override (string File, string Table) TaxesTable => ("*", "DEKLARACJE");
    protected override (string File, string Table, string Column, string Item) FirmColumn =>
        ("*", "FIRMA", "NIP", "column.firm.nip");

    protected override (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string folder) =>
        (new DetectPlaces([], ["/nowhere/at/all/MKP.INI", folder]), new DetectPlaces([], [Path.Combine(Fb.Root, MkpIni.FileName)]), "path");
}
