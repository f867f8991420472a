using System.Globalization;
using System.Security;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Enova365;

/// <summary>
/// Writes an enova365 sample: a master database "&lt;prefix&gt;_enova" whose dbo.DBItems lists a
/// company database "&lt;prefix&gt;_fN" per firm (and the master itself as "."), each company with its
/// branch records (OddzialyFirmy) and a year of declarations (Deklaracje: VAT-7, PIT-5L, ZUS DRA, a
/// draft and a PIT-11 that are not read), and in the folder a "Lista baz danych.xml" naming the master.
/// </summary>
public sealed class Enova365SampleWriter(string prefix, SampleServer server) : ISampleWriter
{
    public ProgramId Program => ProgramId.Enova365;
    public string Master => prefix + "_enova";
    public string FirmDatabase(string firmKey) => $"{prefix}_f{firmKey}";

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var list = Path.Combine(folder, "Lista baz danych.xml");
        if (File.Exists(list)) throw new IOException($"{list} exists");
        var data = new SampleData(spec.Seed);
        var firms = SampleServer.Firms(spec, data);
        var cases = new List<SampleCaseInfo>();
        var rows = 0L;
        string T(string table) => server.Table("dbo", table);
        string C(string column) => server.Col(column);
        await server.Create(Master, cancel).ConfigureAwait(false);
        await using (var db = await server.Open(Master, cancel).ConfigureAwait(false))
        {
            if (!server.IsMySql) await SampleServer.Exec(db, "CREATE SCHEMA dbo", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("DBItems")} ({C("ID")} integer primary key, {C("Name")} varchar(128), " +
                $"{C("Description")} varchar(254), {C("NIP")} varchar(20))", cancel).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("DBItems")} VALUES (1000, '.', 'master', NULL)", cancel).ConfigureAwait(false);
            foreach (var f in firms)
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("DBItems")} VALUES (@id, @name, @d, @nip)", cancel,
                    ("@id", f.Id), ("@name", FirmDatabase(f.Id.ToString(CultureInfo.InvariantCulture))), ("@d", f.Name), ("@nip", f.Nip))
                    .ConfigureAwait(false);
        }
        foreach (var f in firms)
        {
            var name = FirmDatabase(f.Id.ToString(CultureInfo.InvariantCulture));
            var d = SampleData.ForFirm(spec.Seed, f.Id);
            await server.Create(name, cancel).ConfigureAwait(false);
            await using var db = await server.Open(name, cancel).ConfigureAwait(false);
            if (!server.IsMySql) await SampleServer.Exec(db, "CREATE SCHEMA dbo", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("OddzialyFirmy")} ({C("ID")} integer primary key, {C("Nazwa")} varchar(254), " +
                $"{C("NazwaSkrocona")} varchar(64), {C("Centrala")} smallint, {C("DeklaracjeNIP")} varchar(20), " +
                $"{C("DeklaracjeREGON")} varchar(14), {C("DeklaracjeEmail")} varchar(128), {C("DeklaracjeTelefon")} varchar(40))",
                cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("Deklaracje")} ({C("ID")} integer primary key, {C("Typ")} integer, " +
                $"{C("Bufor")} smallint, {C("OkresFrom")} date, {C("OkresTo")} date, {C("Data")} date, {C("Kwota")} numeric(15,2), " +
                $"{C("Zrodlo")} integer)", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE INDEX deklaracje_okres ON {T("Deklaracje")} ({C("OkresTo")})", cancel).ConfigureAwait(false);
            var shortName = f.Name.Length > 20 ? f.Name[..20] : f.Name;
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("OddzialyFirmy")} VALUES (1, @n, @s, 1, @nip, @regon, @mail, @tel)",
                cancel, ("@n", f.Name), ("@s", shortName), ("@nip", f.Nip), ("@regon", SampleData.Regon(d.Next(0, 1000))),
                ("@mail", $"biuro{f.Id}@example.pl"), ("@tel", d.Phone())).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("OddzialyFirmy")} VALUES (2, @n, 'Oddział', 0, @nip, NULL, NULL, NULL)",
                cancel, ("@n", f.Name + " – oddział"), ("@nip", f.Nip)).ConfigureAwait(false);
            var id = 0;
            async Task Add(int type, int bufor, DateTime from, DateTime to, decimal amount, int? source = null) =>
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("Deklaracje")} VALUES (@id, @t, @b, @f, @to, @d, @a, @z)", cancel,
                    ("@id", ++id), ("@t", type), ("@b", (short)bufor), ("@f", from), ("@to", to), ("@d", to.AddDays(15)),
                    ("@a", amount), ("@z", source)).ConfigureAwait(false);
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var from = new DateTime(y, m, 1);
                    var to = from.AddMonths(1).AddDays(-1);
                    if (f.Id == 1 && m == 2 && spec.Cases.HasFlag(SampleCases.MissingVatMonth))
                        cases.Add(new SampleCaseInfo(SampleCases.MissingVatMonth, "1", y, m, "no VAT-7 (Deklaracje.Typ 8100) for February"));
                    else await Add(8100, 0, from, to, d.Amount(100, 20000));
                    await Add(1800, 0, from, to, d.Amount(100, 5000));
                    await Add(4100, 0, from, to, d.Amount(1500, 2500));
                    await Add(1100, 0, from, to, d.Amount(10, 50), source: 7); // PIT-11 of an employee: not read
                }
            await Add(8100, 1, new DateTime(spec.Year, 6, 1), new DateTime(spec.Year, 6, 30), 1m); // a draft in the buffer: not read
        }
        await File.WriteAllTextAsync(list, ListXml(server, Master), cancel).ConfigureAwait(false);
        return new SampleInfo(Program, folder, [list, Master, .. firms.Select(f => FirmDatabase(f.Id.ToString(CultureInfo.InvariantCulture)))],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(CultureInfo.InvariantCulture), f.Nip, f.Name)).ToList(), cases, rows);
    }

    /// <summary>A "Lista baz danych.xml" naming one database of the server (no password: enova stores it encrypted).</summary>
    public static string ListXml(SampleServer server, string database)
    {
        var element = server.IsMySql ? "MySqlDatabase" : "MsSqlDatabase";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <DatabaseCollection>
              <{element}>
                <Name>Biuro</Name>
                <Description>sample</Description>
                <Active>true</Active>
                <Server>127.0.0.1</Server>
                <DatabaseName>{SecurityElement.Escape(database)}</DatabaseName>
                <WindowsAuthentication>false</WindowsAuthentication>
                <User>konekto</User>
              </{element}>
            </DatabaseCollection>
            """;
    }

    /// <summary>Drops the sample's databases.</summary>
    public async Task Drop(SampleInfo info)
    {
        foreach (var db in info.Files.Skip(1)) await server.Drop(db, CancellationToken.None).ConfigureAwait(false);
    }
}
