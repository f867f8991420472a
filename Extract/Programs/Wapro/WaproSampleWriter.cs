using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Wapro;

/// <summary>
/// Writes a WAPRO sample on a server (the PostgreSQL stand-in for SQL Server): one database holding
/// every firm in the model tables of schema dbo: FIRMA, DEKLARACJA and ZUS_SKLADKI keyed by ID_FIRMY,
/// and, for a program with a ledger (Fakir), KONTO and OBROTY with a trial balance per month.
/// </summary>
public sealed class WaproSampleWriter(ProgramId program, bool ledger, string database, SampleServer server) : ISampleWriter
{
    public ProgramId Program => program;

    /// <summary>The sample of WAPRO Fakir (with a ledger) in <paramref name="database"/>.</summary>
    public static WaproSampleWriter Fakir(string database, SampleServer server) => new(ProgramId.WaproFakir, true, database, server);

    /// <summary>The sample of WAPRO Kaper (no ledger) in <paramref name="database"/>.</summary>
    public static WaproSampleWriter Kaper(string database, SampleServer server) => new(ProgramId.WaproKaper, false, database, server);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var data = new SampleData(spec.Seed);
        var firms = SampleServer.Firms(spec, data);
        string T(string table) => server.Table("dbo", table);
        await server.Create(database, cancel).ConfigureAwait(false);
        await using var db = await server.Open(database, cancel).ConfigureAwait(false);
        if (!server.IsMySql) await SampleServer.Exec(db, "CREATE SCHEMA IF NOT EXISTS dbo", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "FIRMA", "ID_FIRMY integer primary key, NAZWA varchar(60), NAZWA_PELNA varchar(250), NIP varchar(20), REGON varchar(14), MIEJSCOWOSC varchar(60), KOD_POCZTOWY varchar(10), ULICA_LOKAL varchar(80), TELEFON varchar(40), E_MAIL varchar(80)", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "DEKLARACJA", "ID_DEKLARACJI integer primary key, ID_FIRMY integer, SYMBOL varchar(20), OKRES_DO date, KWOTA_DO_ZAPLATY numeric(15,2), DATA_WYSLANIA timestamp", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "ZUS_SKLADKI", "ID_SKLADKI integer primary key, ID_FIRMY integer, ROK smallint, MIESIAC smallint, NIP_PLATNIKA varchar(20), EMERYTALNA numeric(15,2), RENTOWA numeric(15,2), CHOROBOWA numeric(15,2), WYPADKOWA numeric(15,2), ZDROWOTNA numeric(15,2), FP_FS numeric(15,2), FGSP numeric(15,2), FEP numeric(15,2)", cancel)
            .ConfigureAwait(false);
        if (ledger)
        {
            await server.CreateTable(db, "dbo", "KONTO", "ID_KONTA integer primary key, ID_FIRMY integer, NUMER varchar(30), NAZWA varchar(120)", cancel).ConfigureAwait(false);
            await server.CreateTable(db, "dbo", "OBROTY", "ID_KONTA integer, ROK smallint, MIESIAC smallint, BO_WN numeric(15,2), BO_MA numeric(15,2), OBROTY_WN numeric(15,2), OBROTY_MA numeric(15,2)", cancel).ConfigureAwait(false);
        }
        var rows = 0L;
        int declaration = 0, contribution = 0, account = 0;
        foreach (var f in firms)
        {
            var d = SampleData.ForFirm(spec.Seed, f.Id);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("FIRMA")} VALUES (@id, @s, @n, @nip, NULL, @city, @code, @street, @tel, NULL)",
                cancel, ("@id", f.Id), ("@s", f.Name.Length > 60 ? f.Name[..60] : f.Name), ("@n", f.Name), ("@nip", f.Nip),
                ("@city", d.City()), ("@code", d.PostalCode()), ("@street", d.Street()), ("@tel", d.Phone())).ConfigureAwait(false);
            var accounts = ledger ? new[] { ("100", "Kasa"), ("130", "Rachunek bankowy"), ("700", "Sprzedaż") }
                .Select(a => (Id: ++account, Number: a.Item1, Name: a.Item2)).ToList() : [];
            foreach (var a in accounts)
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("KONTO")} VALUES (@id, @f, @n, @name)", cancel,
                    ("@id", a.Id), ("@f", f.Id), ("@n", a.Number), ("@name", a.Name)).ConfigureAwait(false);
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var end = new DateTime(y, m, 1).AddMonths(1).AddDays(-1);
                    foreach (var form in new[] { "VAT-7", "PIT-5L" })
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("DEKLARACJA")} VALUES (@id, @f, @s, @to, @a, @at)", cancel,
                            ("@id", ++declaration), ("@f", f.Id), ("@s", form), ("@to", end), ("@a", d.Amount(100, 20000)),
                            ("@at", end.AddDays(14).AddHours(10))).ConfigureAwait(false);
                    var c = Contributions.For(y, d.Amount(300, 900));
                    rows += await SampleServer.Exec(db, $"INSERT INTO {T("ZUS_SKLADKI")} VALUES (@id, @f, @y, @m, @nip, @e, @r, @ch, @w, @z, @fp, NULL, NULL)",
                        cancel, ("@id", ++contribution), ("@f", f.Id), ("@y", (short)y), ("@m", (short)m), ("@nip", f.Nip),
                        ("@e", c.Emerytalne), ("@r", c.Rentowe), ("@ch", c.Chorobowe), ("@w", c.Wypadkowe), ("@z", c.Zdrowotne), ("@fp", c.FpFs))
                        .ConfigureAwait(false);
                    foreach (var a in accounts)
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("OBROTY")} VALUES (@id, @y, @m, 0, 0, @dt, @ct)", cancel,
                            ("@id", a.Id), ("@y", (short)y), ("@m", (short)m), ("@dt", d.Amount(0, 50000)), ("@ct", d.Amount(0, 50000)))
                            .ConfigureAwait(false);
                }
        }
        return new SampleInfo(program, folder, [database],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Nip, f.Name)).ToList(), [], rows);
    }

    /// <summary>Drops the sample's database.</summary>
    public Task Drop() => server.Drop(database, CancellationToken.None);
}
