using System.Text.Json.Nodes;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Enova365;
using KonektoSync.Extract.Programs.InsertGt;
using KonektoSync.Extract.Programs.InsertNexo;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Extract.Samples;
using Npgsql;

namespace KonektoSync.Host.Cli;

/// <summary>
/// The SQL Server programs of the demo office (Optima, enova365, Insert nexo, Insert GT), written into a
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
        var infos = new[]
        {
            ("optima", await optima.Write(Path.Combine(folder, "optima"), new SampleSpec(seed + 2, 4, year), ct)),
            ("enova365", await enova.Write(Path.Combine(folder, "enova365"), new SampleSpec(seed + 3, 3, year), ct)),
            ("insertnexo", await nexo.Write(Path.Combine(folder, "nexo"), new SampleSpec(seed + 4, 3, year), ct)),
            ("insertgt", await gt.Write(Path.Combine(folder, "gt"), new SampleSpec(seed + 5, 4, year), ct)),
        };
        var password = Path.Combine(folder, "standin.password");
        await File.WriteAllTextAsync(password, "", ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(password, b.Password ?? "", ct);
        var profiles = Path.Combine(folder, "profiles");
        Directory.CreateDirectory(profiles);
        Profile(profiles, "insertnexo", "file.nexoDatabase", nexo.Pattern);
        Profile(profiles, "insertgt", "file.gtDatabase", gt.Pattern);
        string[] Set(string program, string database, params string[] more) =>
            ["programs", "set", program, $"engine={ServerEngine.StandIn}", $"host={b.Host}", $"port={b.Port}", $"user={b.Username}",
                $"database={database}", .. more, "--password-file", password];
        return new DemoSqlOffice(
            Texts.Texts.Get("demo.office.sql", $"{b.Host}:{b.Port}", $"{prefix}_*, nexo_{prefix}_*, gt_{prefix}_*",
                string.Join("; ", infos.Select(i => Texts.Texts.Get("demo.office.program", i.Item1, i.Item2.Firms.Count, i.Item2.Rows)))),
            [
                Set("optima", optima.Catalog),
                Set("enova365", enova.Master),
                Set("insertnexo", "postgres", $"profileDir={profiles}"),
                Set("insertgt", "postgres", $"profileDir={profiles}"),
            ],
            infos.Select(i => (string[])["firms", "source", .. i.Item2.Firms.Select(f => f.Nip), "--zus", i.Item1, "--taxes", i.Item1, "--basic", i.Item1])
                .ToList());
    }

    private static void Profile(string dir, string program, string item, string pattern) =>
        File.WriteAllText(Path.Combine(dir, program + ".profile.json"),
            new JsonObject { ["items"] = new JsonObject { [item] = new JsonObject { ["value"] = pattern } } }.ToJsonString());
}
