using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Programs.Buchalter;
using KonektoSync.Extract.Programs.Enova365;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Extract.Samples;
using MySqlConnector;
using Npgsql;

namespace KonektoSync.Benchmarks;

/// <summary>
/// The sample offices of scripts/bench-sync.sh on the engines beside Firebird, one program each (the one
/// of its engine with the most data kinds): <c>postgres</c> Optima on the PostgreSQL stand-in (basic data,
/// taxes, ZUS, statements; one database per firm), <c>mariadb</c> enova365 on MariaDB (basic data, taxes,
/// ZUS; one database per firm), <c>dbf</c> Buchalter's DBF folders (basic data, taxes, ZUS; a folder per
/// firm with yearly tables and the monthly ZUS export text files).
/// <para><c>engine-office ENGINE FOLDER FIRMS FIRST-YEAR YEARS</c> writes an office (its databases named
/// <see cref="Prefix"/>, dropped first, so a second run writes it anew) and prints the <c>programs set</c>
/// arguments that configure it, one a line.</para>
/// <para><c>engine-raw ENGINE FOLDER FIRMS MONTHS</c> is the raw read: every row of every table the sample
/// writer wrote (the rows a sync reads and a few it leaves out, such as drafts), one forward-only query per
/// table, every value read; for DBF our DBF reader decoding every field of every table and the export files'
/// lines, without the transform. Prints "rows seconds".</para>
/// </summary>
public static class EngineOffice
{
    /// <summary>The program written for an engine.</summary>
    public static string Program(string engine) => engine switch
    {
        "postgres" => "optima",
        "mariadb" => "enova365",
        "dbf" => "buchalter",
        _ => throw new ArgumentException($"unknown engine {engine}: postgres, mariadb or dbf"),
    };

    /// <summary>The names of an office's databases start with this (PostgreSQL and MariaDB), unique to the benchmark.</summary>
    public static string Prefix(string engine, int firms, int months) => $"bench_{Program(engine)}_{firms}_{months}";

    private const string Password = "konekto";

    public static async Task<int> Write(string[] args)
    {
        if (args.Length != 5) { Console.Error.WriteLine("usage: engine-office postgres|mariadb|dbf FOLDER FIRMS FIRST-YEAR YEARS"); return 2; }
        var (engine, folder) = (args[0], Path.GetFullPath(args[1]));
        var (firms, first, years) = (Int(args[2]), Int(args[3]), Int(args[4]));
        var prefix = Prefix(engine, firms, years * 12);
        var spec = new SampleSpec(2031, firms, first, null, SampleCases.None, years);
        var cancel = CancellationToken.None;
        Directory.CreateDirectory(folder);
        switch (engine)
        {
            case "postgres":
            {
                var server = SampleServer.PostgreSql;
                await DropAll(server, prefix);
                var writer = new OptimaSampleWriter(server.ConnectionString, prefix);
                await writer.Write(Path.Combine(folder, "optima"), spec, cancel);
                Print("optima", $"engine={Extract.Kit.ServerEngine.StandIn}", "host=127.0.0.1", "port=5432", "user=konekto", $"database={writer.Catalog}");
                break;
            }
            case "mariadb":
            {
                var server = SampleServer.MySql;
                await DropAll(server, prefix);
                var writer = new Enova365SampleWriter(prefix, server);
                await writer.Write(Path.Combine(folder, "enova365"), spec, cancel);
                Print("enova365", "engine=mysql", "host=127.0.0.1", "port=3306", "user=konekto", $"database={writer.Master}");
                break;
            }
            case "dbf":
            {
                var target = Path.Combine(folder, "BUCH");
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                await new BuchalterSampleWriter().Write(target, spec, cancel);
                Print("buchalter", $"path={target}");
                break;
            }
            default:
                throw new ArgumentException($"unknown engine {engine}: postgres, mariadb or dbf");
        }
        var password = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(password, "", cancel);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(password, Password, cancel);
        return 0;
    }

    private static void Print(params string[] settings) => Console.WriteLine(string.Join('\n', settings));

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The databases of the server whose names start with <paramref name="prefix"/> and an underscore.</summary>
    private static async Task<List<string>> Databases(SampleServer server, string prefix)
    {
        await using var c = await server.Open(null, CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = server.IsMySql
            ? "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE @p ORDER BY 1"
            : "SELECT datname FROM pg_database WHERE datname LIKE @p ORDER BY 1";
        var p = cmd.CreateParameter();
        p.ParameterName = "@p";
        p.Value = prefix.Replace("_", "\\_", StringComparison.Ordinal) + "\\_%";
        cmd.Parameters.Add(p);
        var names = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) names.Add(r.GetString(0));
        return names;
    }

    private static async Task DropAll(SampleServer server, string prefix)
    {
        foreach (var db in await Databases(server, prefix)) await server.Drop(db, CancellationToken.None);
    }

    public static async Task<int> Raw(string[] args)
    {
        if (args.Length != 4) { Console.Error.WriteLine("usage: engine-raw postgres|mariadb|dbf FOLDER FIRMS MONTHS"); return 2; }
        var (engine, folder, firms, months) = (args[0], args[1], Int(args[2]), Int(args[3]));
        var prefix = Prefix(engine, firms, months);
        var clock = Stopwatch.StartNew();
        var rows = engine switch
        {
            "postgres" => await ReadServer(SampleServer.PostgreSql, prefix),
            "mariadb" => await ReadServer(SampleServer.MySql, prefix),
            "dbf" => ReadFiles(Path.Combine(folder, "BUCH")),
            _ => throw new ArgumentException($"unknown engine {engine}: postgres, mariadb or dbf"),
        };
        Console.WriteLine(FormattableString.Invariant($"{rows} {clock.Elapsed.TotalSeconds:F2}"));
        return 0;
    }

    /// <summary>Every table of every database of the office, each database opened once, one read-only transaction per table.</summary>
    private static async Task<long> ReadServer(SampleServer server, string prefix)
    {
        long rows = 0;
        foreach (var db in await Databases(server, prefix))
        {
            await using var c = server.IsMySql
                ? (DbConnection)new MySqlConnection(server.ConnectionString + ";Database=" + db)
                : new NpgsqlConnection(server.ConnectionString + ";Database=" + db);
            await c.OpenAsync();
            var tables = new List<string>();
            await using (var list = c.CreateCommand())
            {
                list.CommandText = server.IsMySql
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1"
                    : "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";
                await using var r = await list.ExecuteReaderAsync();
                while (await r.ReadAsync()) tables.Add(server.IsMySql ? $"`{r.GetString(0)}`" : r.GetString(0));
            }
            foreach (var table in tables)
            {
                await using var tx = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted);
                await using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT * FROM " + table;
                await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
                while (await r.ReadAsync())
                {
                    for (var i = 0; i < r.FieldCount; i++) _ = r.GetValue(i);
                    rows++;
                }
            }
        }
        return rows;
    }

    /// <summary>Every DBF table through our reader (each field decoded) and every line of the export text files.</summary>
    private static long ReadFiles(string folder)
    {
        long rows = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".DBF", StringComparison.OrdinalIgnoreCase))
            {
                using var table = DbfTable.Open(file).Match(t => t, f => throw new InvalidOperationException(f.ToString()));
                var counts = new ReadCounts();
                foreach (var row in table.Rows(counts))
                {
                    foreach (var value in row.Values ?? []) _ = value;
                    rows++;
                }
            }
            else
                foreach (var line in File.ReadLines(file, TextEncodings.Get(1250)))
                    rows += line.Length > 0 ? 1 : 0;
        }
        return rows;
    }
}
