using System.Data.Odbc;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>
/// Płatnik's Access stand-in: a SQLite file with Płatnik's tables, written by <see cref="PlatnikSampleWriter"/>
/// through the SQLite ODBC driver and read through it (MDBTools cannot write .mdb files).
/// </summary>
public sealed class PlatnikFixture : IDisposable
{
    public string Root { get; } = FirebirdFixture.NewFolder(Path.Combine(Path.GetTempPath(), "konektosync-platnik-" + Guid.NewGuid().ToString("N")[..8]));
    public string Folder { get; }
    public SampleInfo Sample { get; }

    public PlatnikFixture()
    {
        Folder = Path.Combine(Root, "sample");
        Sample = new PlatnikSampleWriter().Write(Folder, FirebirdFixture.Spec, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A copy of the sample a test may change.</summary>
    public string Copy(string name)
    {
        var target = Directory.CreateDirectory(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        File.Copy(Path.Combine(Folder, PlatnikSampleWriter.File), Path.Combine(target, PlatnikSampleWriter.File));
        return target;
    }

    /// <summary>Test-only: changes a copy's schema or rows through the SQLite ODBC driver (a connector never can).</summary>
    public static void Execute(string file, string sql)
    {
        using var c = new OdbcConnection($"Driver={PlatnikSampleWriter.StandInDriver};Database={file}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static ProgramConfig Config(string path, string? password = null, string? profileDir = null, string? driver = PlatnikSampleWriter.StandInDriver)
    {
        var values = new Dictionary<string, string> { ["storage"] = "access", ["path"] = path };
        if (driver is not null) values["driver"] = driver;
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(ProgramId.Platnik, values, password is null ? null : new Secret(password));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
