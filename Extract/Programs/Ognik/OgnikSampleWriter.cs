using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Ognik;

/// <summary>
/// Writes an Ognik sample in our model (ognik.profile.json): <c>SYSTEM.IDB</c> (WIN1250) with the
/// firms list and the licensee's own firm (symbol SYSTEM) whose accounting data sit in the same
/// file, and one <c>&lt;symbol&gt;.IDB</c> per other firm with its declarations (VAT-7 and PIT-4R per
/// month, dated the last day of the month), the owner's ZUS and the trial balance.
/// </summary>
public sealed class OgnikSampleWriter(FirebirdTarget? target = null) : ISampleWriter
{
    private readonly FirebirdTarget _target = target ?? FirebirdTarget.Embedded();
    public ProgramId Program => ProgramId.Ognik;
    public const string Charset = "WIN1250";
    /// <summary>The symbol of the licensee's own firm, kept in SYSTEM.IDB.</summary>
    public const string SystemSymbol = "SYSTEM";

    private const string FirmsDdl = """
        CREATE TABLE FIRMY (SYMBOL VARCHAR(20) NOT NULL PRIMARY KEY, NAZWA VARCHAR(200), NAZWA_SKR VARCHAR(60),
          NIP VARCHAR(20), ULICA VARCHAR(80), KOD_POCZTOWY VARCHAR(10), MIEJSCOWOSC VARCHAR(60), EMAIL VARCHAR(80),
          TELEFON VARCHAR(40), REGON VARCHAR(14))
        """;

    private static readonly string[] FirmDdl =
    [
        """
        CREATE TABLE DEKLARACJE (ID INTEGER NOT NULL PRIMARY KEY, SYMBOL_DEKL VARCHAR(20), DATA_OKRESU DATE,
          KWOTA NUMERIC(15,2), DATA_UTWORZENIA TIMESTAMP)
        """,
        """
        CREATE TABLE ZUS_DRA (ID INTEGER NOT NULL PRIMARY KEY, ROK SMALLINT, MIESIAC SMALLINT, PLATNIK_NIP VARCHAR(20),
          PLATNIK_PESEL VARCHAR(11), PLATNIK_NAZWA VARCHAR(200), PLATNIK_TYP VARCHAR(20), EMERYTALNE NUMERIC(15,2),
          RENTOWE NUMERIC(15,2), CHOROBOWE NUMERIC(15,2), WYPADKOWE NUMERIC(15,2), ZDROWOTNE NUMERIC(15,2),
          FP_FS NUMERIC(15,2), FGSP NUMERIC(15,2), FEP NUMERIC(15,2), DO_ZAPLATY NUMERIC(15,2))
        """,
        """
        CREATE TABLE OBROTY_SALDA (ROK SMALLINT, MIESIAC SMALLINT, KONTO VARCHAR(30), NAZWA VARCHAR(100),
          BO_WN NUMERIC(15,2), BO_MA NUMERIC(15,2), OBROTY_WN NUMERIC(15,2), OBROTY_MA NUMERIC(15,2),
          NARAST_WN NUMERIC(15,2), NARAST_MA NUMERIC(15,2), SALDO_WN NUMERIC(15,2), SALDO_MA NUMERIC(15,2))
        """,
    ];

    private sealed record Firm(string Symbol, string Nip, string Name, SampleData Data, bool Declarations);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var firms = Firms(spec);
        var cases = Cases(spec, firms);
        var files = new List<string>();
        long rows = 0;
        var system = Path.Combine(folder, "SYSTEM.IDB");
        await using (var db = await FirebirdSampleDatabase.Create(_target, system, Charset, [FirmsDdl, .. FirmDdl], cancel)
            .ConfigureAwait(false))
        {
            await using (var insert = await db.Insert("FIRMY",
                ["SYMBOL", "NAZWA", "NAZWA_SKR", "NIP", "ULICA", "KOD_POCZTOWY", "MIEJSCOWOSC", "EMAIL", "TELEFON"], cancel).ConfigureAwait(false))
                foreach (var f in firms)
                {
                    var d = SampleData.ForFirm(spec.Seed, 3000 + firms.IndexOf(f));
                    var ascii = SampleData.Ascii(f.Name).ToLowerInvariant();
                    await insert.Row(cancel, f.Symbol, f.Name, f.Name.Length > 60 ? f.Name[..60] : f.Name, f.Nip, d.Street(),
                        d.PostalCode(), d.City(), $"biuro@{ascii[..Math.Min(12, ascii.Length)]}.pl", d.Phone()).ConfigureAwait(false);
                }
            await WriteFirm(db, spec, firms[0], cases, cancel).ConfigureAwait(false);
            await db.Commit(cancel).ConfigureAwait(false);
            rows += db.Rows;
        }
        files.Add(system);
        foreach (var firm in firms.Skip(1))
        {
            var path = Path.Combine(folder, firm.Symbol + ".IDB");
            await using (var db = await FirebirdSampleDatabase.Create(_target, path, Charset, FirmDdl, cancel).ConfigureAwait(false))
            {
                await WriteFirm(db, spec, firm, cases, cancel).ConfigureAwait(false);
                await db.Commit(cancel).ConfigureAwait(false);
                rows += db.Rows;
            }
            files.Add(path);
        }
        return new SampleInfo(Program, folder, files, firms.Select(f => new SampleFirmInfo(f.Symbol, f.Nip, f.Name)).ToList(), cases, rows);
    }

    private static List<Firm> Firms(SampleSpec spec)
    {
        var list = new List<Firm>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + 53), i);
            var generated = i >= explicitFirms.Count;
            var nip = generated ? data.Nip() : explicitFirms[i].Nip;
            var name = generated ? data.FirmName(i - explicitFirms.Count) : explicitFirms[i].Name;
            list.Add(new Firm(i == 0 ? SystemSymbol : $"FIRMA{i + 1}", nip, name, data, true));
        }
        if (spec.Cases.HasFlag(SampleCases.InvalidNip))
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + 53), list.Count);
            var bad = SampleData.InvalidNip(data.Nip());
            list.Add(new Firm($"FIRMA{list.Count + 1}", bad, "Firma Błędny NIP", data, false));
        }
        return list;
    }

    private static List<SampleCaseInfo> Cases(SampleSpec spec, List<Firm> firms)
    {
        var list = new List<SampleCaseInfo>();
        var valid = firms.Where(f => f.Declarations).ToList();
        if (valid.Count == 0) return list;
        if (spec.Cases.HasFlag(SampleCases.MissingDeclaration))
            list.Add(new(SampleCases.MissingDeclaration, valid[1 % valid.Count].Symbol, spec.Year, 3, $"no PIT-4R for {spec.Year}-03"));
        if (spec.Cases.HasFlag(SampleCases.MissingVatMonth))
            list.Add(new(SampleCases.MissingVatMonth, valid[2 % valid.Count].Symbol, spec.Year, 2, $"no VAT-7 for {spec.Year}-02"));
        if (firms.FirstOrDefault(f => !f.Declarations) is { } invalid)
            list.Add(new(SampleCases.InvalidNip, invalid.Symbol, spec.Year, 1, $"NIP {invalid.Nip} has a wrong check digit"));
        return list;
    }

    private static readonly (string Account, string Name)[] Accounts =
        [("100", "Kasa"), ("130", "Rachunek bieżący"), ("201", "Rozrachunki z odbiorcami"), ("700", "Sprzedaż produktów i usług")];

    private static async Task WriteFirm(FirebirdSampleDatabase db, SampleSpec spec, Firm firm, List<SampleCaseInfo> cases,
        CancellationToken cancel)
    {
        bool Skipped(SampleCases c, int year, int month) =>
            cases.Any(x => x.Case == c && x.FirmKey == firm.Symbol && x.Year == year && x.Month == month);
        var years = Enumerable.Range(spec.Year, Math.Max(1, spec.Years)).ToList();
        if (firm.Declarations)
        {
            var id = 0;
            await using var decl = await db.Insert("DEKLARACJE", ["ID", "SYMBOL_DEKL", "DATA_OKRESU", "KWOTA", "DATA_UTWORZENIA"], cancel)
                .ConfigureAwait(false);
            foreach (var y in years)
                for (var m = 1; m <= 12; m++)
                {
                    var date = new DateTime(y, m, DateTime.DaysInMonth(y, m));
                    var created = new DateTime(y, m, 1).AddMonths(1).AddDays(11).AddHours(9);
                    if (!Skipped(SampleCases.MissingVatMonth, y, m))
                        await decl.Row(cancel, ++id, "VAT-7", date, firm.Data.Amount(200, 25000), created).ConfigureAwait(false);
                    if (!Skipped(SampleCases.MissingDeclaration, y, m))
                        await decl.Row(cancel, ++id, "PIT-4R", date, firm.Data.Amount(100, 4000), created).ConfigureAwait(false);
                }
        }
        var d = SampleData.ForFirm(spec.Seed, 4000 + firm.Symbol.Sum(c => c));
        var owner = $"{d.Surname()} {firm.Name.Split(' ')[^1]}";
        var pesel = d.Pesel();
        await using (var zus = await db.Insert("ZUS_DRA",
            ["ID", "ROK", "MIESIAC", "PLATNIK_NIP", "PLATNIK_PESEL", "PLATNIK_NAZWA", "PLATNIK_TYP", "EMERYTALNE", "RENTOWE",
             "CHOROBOWE", "WYPADKOWE", "ZDROWOTNE", "FP_FS", "FGSP", "FEP", "DO_ZAPLATY"], cancel).ConfigureAwait(false))
        {
            var id = 0;
            foreach (var y in years)
                for (var m = 1; m <= 12; m++)
                {
                    var c = Contributions.For(y, d.Amount(300, 1500));
                    await zus.Row(cancel, ++id, (short)y, (short)m, firm.Nip, pesel, owner, "wlasciciel", c.Emerytalne, c.Rentowe,
                        c.Chorobowe, c.Wypadkowe, c.Zdrowotne, c.FpFs, 0m, 0m, c.Total).ConfigureAwait(false);
                }
        }
        await using var tb = await db.Insert("OBROTY_SALDA",
            ["ROK", "MIESIAC", "KONTO", "NAZWA", "BO_WN", "BO_MA", "OBROTY_WN", "OBROTY_MA", "NARAST_WN", "NARAST_MA", "SALDO_WN", "SALDO_MA"],
            cancel).ConfigureAwait(false);
        foreach (var y in years)
            foreach (var (account, name) in Accounts)
            {
                var (cumDt, cumCt) = (0m, 0m);
                var opening = d.Amount(0, 20000);
                for (var m = 1; m <= 12; m++)
                {
                    var (dt, ct) = (d.Amount(0, 30000), d.Amount(0, 30000));
                    (cumDt, cumCt) = (cumDt + dt, cumCt + ct);
                    var balance = opening + cumDt - cumCt;
                    await tb.Row(cancel, (short)y, (short)m, account, name, opening, 0m, dt, ct, cumDt, cumCt,
                        balance > 0 ? balance : 0m, balance < 0 ? -balance : 0m).ConfigureAwait(false);
                }
            }
    }
}
