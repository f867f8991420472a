using System.Text.Json.Nodes;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Enova365;
using KonektoSync.Extract.Programs.InsertGt;
using KonektoSync.Extract.Programs.InsertNexo;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Extract.Programs.Reset2;
using KonektoSync.Extract.Programs.Reset2Platnik;
using KonektoSync.Extract.Programs.Wapro;
using KonektoSync.Extract.Samples;
using Npgsql;

namespace KonektoSync.Host.Cli;

/// <summary>
/// The SQL Server programs of the demo office (Optima, enova365, Insert nexo, Insert GT, WAPRO Fakir and Kaper,
/// Reset2 Firma, Księga and Płatnik), written into a
/// PostgreSQL server that stands in for SQL Server with the same schemas and names. Every database name
/// carries a prefix unique to the run, so a second demo never touches the first's; the programs read
/// them with "engine=postgresql-standin", the password from a file readable by its owner only.
/// </summary>
internal sealed record DemoSqlOffice(string Summary, IReadOnlyList<string[]> Steps, IReadOnlyList<string[]> Sources)
{
    /// <summary>The environment variable that may hold the stand-in's connection string instead of --sql-standin.</summary>
    public const string Variable = "KONEKTOSYNC_DEMO_SQL_STANDIN";

    public static async Task<DemoSqlOffice> Write(string connection, string root, int seed, int year, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(connection) { Pooling = false };
        var prefix = $"demo_{Guid.NewGuid():N}"[..17];
        var server = new SampleServer("postgresql", b.ConnectionString);
        var folder = Path.Combine(root, "sql");
        Directory.CreateDirectory(folder);
        var optima = new OptimaSampleWriter(b.ConnectionString, prefix + "_optima");
        var enova = new Enova365SampleWriter(prefix, server);
        var nexo = new InsertNexoSampleWriter(prefix, server);
        var gt = new InsertGtSampleWriter(prefix, server);
        var profiles = Path.Combine(folder, "profiles");
        string[] profile = [$"profileDir={profiles}"];
        // the programs: code, sample writer, seed offset and firms, the database the configuration names, more settings
        var programs = new (string Code, ISampleWriter Writer, int Seed, int Firms, string Database, string[] More)[]
        {
            ("optima", optima, 2, 4, optima.Catalog, []),
            ("enova365", enova, 3, 3, enova.Master, []),
            ("insertnexo", nexo, 4, 3, "postgres", profile),
            ("insertgt", gt, 5, 4, "postgres", profile),
            ("waprofakir", WaproSampleWriter.Fakir(prefix + "_fakir", server), 20, 3, prefix + "_fakir", []),
            ("waprokaper", WaproSampleWriter.Kaper(prefix + "_kaper", server), 21, 3, prefix + "_kaper", []),
            ("reset2firma", Reset2SampleWriter.Firma(prefix + "_r2firma", server), 22, 3, prefix + "_r2firma", []),
            ("reset2ksiega", Reset2SampleWriter.Ksiega(prefix + "_r2ksiega", server), 23, 3, prefix + "_r2ksiega", []),
            ("reset2platnik", new Reset2PlatnikSampleWriter(prefix + "_r2platnik", server), 24, 3, prefix + "_r2platnik", []),
        };
        var infos = new List<(string Code, SampleInfo Info)>();
        foreach (var p in programs)
            infos.Add((p.Code, await p.Writer.Write(Path.Combine(folder, p.Code), new SampleSpec(seed + p.Seed, p.Firms, year), ct)));
        var password = Path.Combine(folder, "standin.password");
        await File.WriteAllTextAsync(password, "", ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(password, b.Password ?? "", ct);
        Directory.CreateDirectory(profiles);
        Profile(profiles, "insertnexo", "file.nexoDatabase", nexo.Pattern);
        Profile(profiles, "insertgt", "file.gtDatabase", gt.Pattern);
        string[] Set(string program, string database, params string[] more) =>
            ["programs", "set", program, $"engine={ServerEngine.StandIn}", $"host={b.Host}", $"port={b.Port}", $"user={b.Username}",
                $"database={database}", .. more, "--password-file", password];
        return new DemoSqlOffice(
            Texts.Texts.Get("demo.office.sql", $"{b.Host}:{b.Port}", $"{prefix}_*, nexo_{prefix}_*, gt_{prefix}_*",
                string.Join("; ", infos.Select(i => Texts.Texts.Get("demo.office.program", i.Code, i.Info.Firms.Count, i.Info.Rows)))),
            programs.Select(p => Set(p.Code, p.Database, p.More)).ToList(),
            infos.Select(i => DemoCommand.Own(i.Code, i.Info, taxes: i.Code != "reset2platnik")).ToList());
    }

    private static void Profile(string dir, string program, string item, string pattern) =>
        File.WriteAllText(Path.Combine(dir, program + ".profile.json"),
            new JsonObject { ["items"] = new JsonObject { [item] = new JsonObject { ["value"] = pattern } } }.ToJsonString());
}
