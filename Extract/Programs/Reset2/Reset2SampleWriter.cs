using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Reset2;

/// <summary>
/// Writes a Reset2 sample on a server (the PostgreSQL stand-in for SQL Server): one database holding
/// every firm in the model tables of schema dbo: FIRMY, USTAWIENIA_VAT, ZOBOWIAZANIA, SKLADKI_ZUS keyed
/// by ID_FIRMY, and, for Księga, KSIEGA_MIESIACE. The first firm's VAT settings cover the year from
/// March only (its January and February VAT rows are not values); the last firm has no VAT at all.
/// </summary>
public sealed class Reset2SampleWriter(ProgramId program, bool taxBook, string database, SampleServer server) : ISampleWriter
{
    public ProgramId Program => program;

    public static Reset2SampleWriter Firma(string database, SampleServer server) => new(ProgramId.Reset2Firma, false, database, server);

    public static Reset2SampleWriter Ksiega(string database, SampleServer server) => new(ProgramId.Reset2Ksiega, true, database, server);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var data = new SampleData(spec.Seed);
        var firms = SampleServer.Firms(spec, data);
        string T(string table) => server.Table("dbo", table);
        await server.Create(database, cancel).ConfigureAwait(false);
        await using var db = await server.Open(database, cancel).ConfigureAwait(false);
        if (!server.IsMySql) await SampleServer.Exec(db, "CREATE SCHEMA IF NOT EXISTS dbo", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "FIRMY", "ID integer primary key, SKROT varchar(40), NAZWA varchar(250), NIP varchar(20), REGON varchar(14), " +
            "ULICA varchar(80), KOD varchar(10), MIEJSCOWOSC varchar(60), TELEFON varchar(40), EMAIL varchar(80)", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "USTAWIENIA_VAT", "ID integer primary key, ID_FIRMY integer, TYP_DEKLARACJI varchar(20), OBOWIAZUJE_OD date, " +
            "OBOWIAZUJE_DO date", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "ZOBOWIAZANIA", "ID integer primary key, ID_FIRMY integer, TYP varchar(20), ROK smallint, MIESIAC smallint, " +
            "KWOTA numeric(15,2)", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "SKLADKI_ZUS", "ID integer primary key, ID_FIRMY integer, ROK smallint, MIESIAC smallint, PESEL varchar(11), " +
            "EMERYTALNA numeric(15,2), RENTOWA numeric(15,2), CHOROBOWA numeric(15,2), WYPADKOWA numeric(15,2), ZDROWOTNA numeric(15,2), " +
            "FP_FS numeric(15,2), FGSP numeric(15,2), FEP numeric(15,2)", cancel).ConfigureAwait(false);
        if (taxBook)
            await server.CreateTable(db, "dbo", "KSIEGA_MIESIACE", "ID_FIRMY integer, ROK smallint, MIESIAC smallint, PRZYCHOD numeric(15,2), KOSZTY numeric(15,2)", cancel)
                .ConfigureAwait(false);
        var rows = 0L;
        int setting = 0, liability = 0, contribution = 0;
        var lastYear = spec.Year + Math.Max(1, spec.Years) - 1;
        foreach (var f in firms)
        {
            var d = SampleData.ForFirm(spec.Seed, f.Id);
            var vatPayer = f.Id < firms.Count || firms.Count == 1;
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("FIRMY")} VALUES (@id, @s, @n, @nip, NULL, @street, @code, @city, @tel, NULL)",
                cancel, ("@id", f.Id), ("@s", f.Name.Length > 40 ? f.Name[..40] : f.Name), ("@n", f.Name), ("@nip", f.Nip),
                ("@street", d.Street()), ("@code", d.PostalCode()), ("@city", d.City()), ("@tel", d.Phone())).ConfigureAwait(false);
            if (vatPayer)
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("USTAWIENIA_VAT")} VALUES (@id, @f, 'VAT-7', @from, NULL)", cancel,
                    ("@id", ++setting), ("@f", f.Id), ("@from", new DateTime(spec.Year, f.Id == 1 ? 3 : 1, 1))).ConfigureAwait(false);
            for (var y = spec.Year; y <= lastYear; y++)
                for (var m = 1; m <= 12; m++)
                {
                    foreach (var type in vatPayer ? new[] { "VAT", "PIT-5L" } : ["PIT-5L"])
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("ZOBOWIAZANIA")} VALUES (@id, @f, @t, @y, @m, @a)", cancel,
                            ("@id", ++liability), ("@f", f.Id), ("@t", type), ("@y", (short)y), ("@m", (short)m), ("@a", d.Amount(100, 20000)))
                            .ConfigureAwait(false);
                    var c = Contributions.For(y, d.Amount(300, 900));
                    rows += await SampleServer.Exec(db, $"INSERT INTO {T("SKLADKI_ZUS")} VALUES (@id, @f, @y, @m, NULL, @e, @r, @ch, @w, @z, @fp, NULL, NULL)",
                        cancel, ("@id", ++contribution), ("@f", f.Id), ("@y", (short)y), ("@m", (short)m), ("@e", c.Emerytalne),
                        ("@r", c.Rentowe), ("@ch", c.Chorobowe), ("@w", c.Wypadkowe), ("@z", c.Zdrowotne), ("@fp", c.FpFs)).ConfigureAwait(false);
                    if (taxBook)
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("KSIEGA_MIESIACE")} VALUES (@f, @y, @m, @r, @c)", cancel,
                            ("@f", f.Id), ("@y", (short)y), ("@m", (short)m), ("@r", d.Amount(5000, 60000)), ("@c", d.Amount(1000, 40000)))
                            .ConfigureAwait(false);
                }
        }
        return new SampleInfo(program, folder, [database],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(CultureInfo.InvariantCulture), f.Nip, f.Name)).ToList(), [], rows);
    }

    /// <summary>Drops the sample's database.</summary>
    public Task Drop() => server.Drop(database, CancellationToken.None);
}
