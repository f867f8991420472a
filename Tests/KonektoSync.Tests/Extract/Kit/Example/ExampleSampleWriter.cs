using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Samples;
using Npgsql;

namespace KonektoSync.Tests.Extract.Kit.Example;

/// <summary>
/// Writes the worked example's sample on the PostgreSQL test server: a catalog database
/// "&lt;prefix&gt;_config" and a database "&lt;prefix&gt;_fN" per firm, and in the folder a settings file
/// naming the catalog (what detect reads).
/// </summary>
public sealed class ExampleSampleWriter(string prefix) : ISampleWriter
{
    public const string Server = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto;Pooling=false";
    public ProgramId Program => ProgramId.Optima;
    public string Catalog => prefix + "_config";

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var settings = Path.Combine(folder, "example.ini");
        if (File.Exists(settings)) throw new IOException($"{settings} exists");
        var data = new SampleData(spec.Seed);
        var firms = (spec.ExplicitFirms ?? []).Concat(Enumerable.Range(0, spec.Firms)
            .Select(i => new SampleFirm(data.Nip(), data.FirmName(i)))).Select((f, i) => (Id: i + 1, f.Nip, f.Name)).ToList();
        var rows = 0L;
        await Run(Server, $"CREATE DATABASE {Catalog}", cancel);
        await using (var db = await Open(Catalog, cancel))
        {
            await Exec(db, "CREATE SCHEMA cfg; CREATE TABLE cfg.companies (id integer primary key, name varchar(120), " +
                "nip varchar(20), database_name varchar(63))", cancel);
            foreach (var f in firms)
                rows += await Exec(db, "INSERT INTO cfg.companies VALUES (@id, @name, @nip, @db)", cancel,
                    ("id", f.Id), ("name", f.Name), ("nip", f.Nip), ("db", $"{prefix}_f{f.Id}"));
        }
        foreach (var f in firms)
        {
            var name = $"{prefix}_f{f.Id}";
            var d = SampleData.ForFirm(spec.Seed, f.Id);
            await Run(Server, $"CREATE DATABASE {name}", cancel);
            await using var db = await Open(name, cancel);
            await Exec(db, """
                CREATE SCHEMA cdn;
                CREATE TABLE cdn.firma (klucz varchar(40) primary key, wartosc varchar(200));
                CREATE TABLE cdn.deklaracje (id integer primary key, formularz varchar(20), okres char(6), kwota numeric(15,2), utworzono timestamp);
                CREATE TABLE cdn.skladki (id integer primary key, rok smallint, miesiac smallint, platnik_nip varchar(20), do_zaplaty numeric(15,2));
                CREATE INDEX deklaracje_okres ON cdn.deklaracje (okres)
                """, cancel);
            foreach (var (k, v) in new[] { ("NAZWA", f.Name), ("NIP", f.Nip), ("ULICA", d.Street()), ("KOD", d.PostalCode()),
                         ("MIASTO", d.City()), ("EMAIL", $"firma{f.Id}@example.pl"), ("WERSJA", "2024.1") })
                rows += await Exec(db, "INSERT INTO cdn.firma VALUES (@k, @v)", cancel, ("k", k), ("v", v));
            var id = 0;
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var created = new DateTime(y, m, 1).AddMonths(1).AddDays(9).AddHours(8);
                    rows += await Exec(db, "INSERT INTO cdn.deklaracje VALUES (@id, 'VAT-7', @p, @a, @c)", cancel,
                        ("id", ++id), ("p", $"{m:D2}{y:D4}"), ("a", d.Amount(100, 20000)), ("c", created));
                    rows += await Exec(db, "INSERT INTO cdn.skladki VALUES (@id, @y, @m, @nip, @t)", cancel,
                        ("id", id), ("y", (short)y), ("m", (short)m), ("nip", f.Nip), ("t", d.Amount(500, 2500)));
                }
        }
        await File.WriteAllTextAsync(settings, $"[server]\nhost=127.0.0.1\ndatabase={Catalog}\n", cancel);
        return new SampleInfo(Program, folder, [settings, Catalog, .. firms.Select(f => $"{prefix}_f{f.Id}")],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(), f.Nip, f.Name)).ToList(), [], rows);
    }

    /// <summary>Drops the sample's databases.</summary>
    public async Task Drop(SampleInfo info)
    {
        foreach (var db in info.Files.Skip(1))
            await Run(Server, $"DROP DATABASE IF EXISTS {db} WITH (FORCE)", CancellationToken.None);
    }

    public static async Task<NpgsqlConnection> Open(string database, CancellationToken cancel)
    {
        var c = new NpgsqlConnection(Server + ";Database=" + database);
        await c.OpenAsync(cancel);
        return c;
    }

    public static async Task Run(string cs, string sql, CancellationToken cancel)
    {
        await using var c = new NpgsqlConnection(cs + ";Database=postgres");
        await c.OpenAsync(cancel);
        await Exec(c, sql, cancel);
    }

    public static async Task<int> Exec(NpgsqlConnection c, string sql, CancellationToken cancel, params (string, object)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        return await cmd.ExecuteNonQueryAsync(cancel);
    }
}
