using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Ramzes;

/// <summary>
/// Writes a Ramzes sample in our Firebird model (ramzes.profile.json): one database RAMZES.FDB
/// (WIN1250) in the data folder with the firms (FIRMY), their declarations (DEKLARACJE: VAT-7 and
/// PIT-5 per month, dated the month's last day) and their owners' ZUS (SKLADKI_ZUS) keyed by ID_FIRMY.
/// </summary>
public sealed class RamzesSampleWriter(FirebirdTarget? target = null) : ISampleWriter
{
    private readonly FirebirdTarget _target = target ?? FirebirdTarget.Embedded();
    public ProgramId Program => ProgramId.Ramzes;
    public const string File = "RAMZES.FDB";

    private static readonly string[] Ddl =
    [
        """
        CREATE TABLE FIRMY (ID INTEGER NOT NULL PRIMARY KEY, NAZWA VARCHAR(200), NIP VARCHAR(13), ULICA VARCHAR(80),
          KOD_P VARCHAR(6), MIEJSC VARCHAR(60), REGON VARCHAR(14))
        """,
        """
        CREATE TABLE DEKLARACJE (ID INTEGER NOT NULL PRIMARY KEY, ID_FIRMY INTEGER NOT NULL, SYMBOL VARCHAR(20),
          DATA_OKRESU DATE, KWOTA NUMERIC(15,2), DATA_UTWORZENIA TIMESTAMP)
        """,
        """
        CREATE TABLE SKLADKI_ZUS (ID INTEGER NOT NULL PRIMARY KEY, ID_FIRMY INTEGER NOT NULL, ROK SMALLINT, MIESIAC SMALLINT,
          NIP VARCHAR(13), PESEL VARCHAR(11), NAZWISKO_IMIE VARCHAR(120), EMERYTALNA NUMERIC(15,2), RENTOWA NUMERIC(15,2),
          CHOROBOWA NUMERIC(15,2), WYPADKOWA NUMERIC(15,2), ZDROWOTNA NUMERIC(15,2), FP_FS NUMERIC(15,2), DO_ZAPLATY NUMERIC(15,2))
        """,
    ];

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var firms = SampleServer.Firms(spec, new SampleData(unchecked(spec.Seed + 61)));
        var path = Path.Combine(folder, File);
        var years = Enumerable.Range(spec.Year, Math.Max(1, spec.Years)).ToList();
        long rows;
        await using (var db = await FirebirdSampleDatabase.Create(_target, path, "WIN1250", Ddl, cancel).ConfigureAwait(false))
        {
            await using (var insert = await db.Insert("FIRMY", ["ID", "NAZWA", "NIP", "ULICA", "KOD_P", "MIEJSC"], cancel).ConfigureAwait(false))
                foreach (var f in firms)
                {
                    var d = SampleData.ForFirm(spec.Seed, 5000 + f.Id);
                    await insert.Row(cancel, f.Id, f.Name, f.Nip, d.Street(), d.PostalCode(), d.City()).ConfigureAwait(false);
                }
            int declaration = 0, contribution = 0;
            await using var decl = await db.Insert("DEKLARACJE", ["ID", "ID_FIRMY", "SYMBOL", "DATA_OKRESU", "KWOTA", "DATA_UTWORZENIA"], cancel)
                .ConfigureAwait(false);
            await using var zus = await db.Insert("SKLADKI_ZUS", ["ID", "ID_FIRMY", "ROK", "MIESIAC", "NIP", "PESEL", "NAZWISKO_IMIE",
                "EMERYTALNA", "RENTOWA", "CHOROBOWA", "WYPADKOWA", "ZDROWOTNA", "FP_FS", "DO_ZAPLATY"], cancel).ConfigureAwait(false);
            foreach (var f in firms)
            {
                var d = SampleData.ForFirm(spec.Seed, 5100 + f.Id);
                var (pesel, owner) = (d.Pesel(), $"{d.Surname()} {f.Name.Split(' ')[^1]}");
                foreach (var y in years)
                    for (var m = 1; m <= 12; m++)
                    {
                        var date = new DateTime(y, m, DateTime.DaysInMonth(y, m));
                        var created = new DateTime(y, m, 1).AddMonths(1).AddDays(14).AddHours(10);
                        foreach (var form in new[] { "VAT-7", "PIT-5" })
                            await decl.Row(cancel, ++declaration, f.Id, form, date, d.Amount(100, 20000), created).ConfigureAwait(false);
                        var c = Contributions.For(y, d.Amount(300, 1200));
                        await zus.Row(cancel, ++contribution, f.Id, (short)y, (short)m, f.Nip, pesel, owner, c.Emerytalne, c.Rentowe,
                            c.Chorobowe, c.Wypadkowe, c.Zdrowotne, c.FpFs, c.Total).ConfigureAwait(false);
                    }
            }
            await db.Commit(cancel).ConfigureAwait(false);
            rows = db.Rows;
        }
        return new SampleInfo(Program, folder, [path],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(CultureInfo.InvariantCulture), f.Nip, f.Name)).ToList(), [], rows);
    }
}
