using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Raks;

/// <summary>
/// Writes a Raks sample: <c>Raks3000.fdb</c> (WIN1250) with <c>AD_FIRMS</c>, the declaration
/// definitions and the declarations (VAT-7 monthly, PIT-4R and PIT-8AR dated the last day of each
/// month, as the manual asks), and one <c>F000NN.fdb</c> per firm with the model tables of ZUS
/// (DRA totals) and the trial balance. Table layouts follow raks.profile.json; columns marked
/// model there are ours.
/// </summary>
public sealed class RaksSampleWriter(FirebirdTarget? target = null) : ISampleWriter
{
    private readonly FirebirdTarget _target = target ?? FirebirdTarget.Embedded();
    public ProgramId Program => ProgramId.Raks;
    public const string Charset = "WIN1250";

    private static readonly string[] SystemDdl =
    [
        """
        CREATE TABLE AD_FIRMS (ID INTEGER NOT NULL PRIMARY KEY, NUMBER INTEGER NOT NULL, SHORTNAME VARCHAR(40),
          TAXID VARCHAR(20), FIRM_EMAIL_ADDRESS VARCHAR(80), FIRM_PHONE_NUMBERS VARCHAR(60), FULL_NAME VARCHAR(200),
          STREET VARCHAR(80), ZIPCODE VARCHAR(10), PLACE VARCHAR(60), REGON VARCHAR(14))
        """,
        "CREATE TABLE R3_DEFINICJE_DEKLARACJI (ID INTEGER NOT NULL PRIMARY KEY, NAZWA VARCHAR(60), XML_EDEKLARACJI BLOB SUB_TYPE TEXT)",
        """
        CREATE TABLE R3_DEKLARACJE (ID INTEGER NOT NULL PRIMARY KEY, DATA_DEKLARACJI DATE, ID_DEFINICJI_DEKLARACJI INTEGER,
          ID_WLASCICIELA INTEGER, NIP VARCHAR(20), NAZWA_WLASCICIELA VARCHAR(200), PODATEK NUMERIC(15,2),
          DANE_DEKLARACJI BLOB, EDEKL_STAN_PRZETWARZANIA INTEGER, EMAIL_WYSLANO SMALLINT,
          EMAIL_DATA_WYSLANIA TIMESTAMP, C_DATE TIMESTAMP)
        """,
        "CREATE INDEX R3_DEKLARACJE_DATA ON R3_DEKLARACJE (DATA_DEKLARACJI)",
    ];

    private static readonly string[] FirmDdl =
    [
        """
        CREATE TABLE R3_CONTACTS (ID INTEGER NOT NULL PRIMARY KEY, SHORT_NAME VARCHAR(40), TAXID VARCHAR(20),
          FULL_NAME VARCHAR(200), ZIPCODE VARCHAR(10), PLACE VARCHAR(60), STREET VARCHAR(80))
        """,
        """
        CREATE TABLE KS_ZUS_DRA (ID INTEGER NOT NULL PRIMARY KEY, ROK SMALLINT, MIESIAC SMALLINT, PLATNIK_NIP VARCHAR(20),
          PLATNIK_PESEL VARCHAR(11), PLATNIK_NAZWA VARCHAR(200), PLATNIK_TYP VARCHAR(20), EMERYTALNE NUMERIC(15,2),
          RENTOWE NUMERIC(15,2), CHOROBOWE NUMERIC(15,2), WYPADKOWE NUMERIC(15,2), ZDROWOTNE NUMERIC(15,2),
          FP_FS NUMERIC(15,2), FGSP NUMERIC(15,2), FEP NUMERIC(15,2), DO_ZAPLATY NUMERIC(15,2))
        """,
        """
        CREATE TABLE KS_ZOIS (ROK SMALLINT, MIESIAC SMALLINT, KONTO VARCHAR(30), NAZWA VARCHAR(100),
          BO_WN NUMERIC(15,2), BO_MA NUMERIC(15,2), OBROTY_WN NUMERIC(15,2), OBROTY_MA NUMERIC(15,2),
          NARAST_WN NUMERIC(15,2), NARAST_MA NUMERIC(15,2), SALDO_WN NUMERIC(15,2), SALDO_MA NUMERIC(15,2))
        """,
    ];

    private sealed record Firm(int Number, string Nip, string TaxId, string Name, SampleData Data, bool Declarations);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var firms = Firms(spec);
        var cases = Cases(spec, firms);
        var files = new List<string>();
        long rows = 0;
        var system = Path.Combine(folder, "Raks3000.fdb");
        await using (var db = await FirebirdSampleDatabase.Create(_target, system, Charset, SystemDdl, cancel).ConfigureAwait(false))
        {
            await WriteSystem(db, spec, firms, cases, cancel).ConfigureAwait(false);
            await db.Commit(cancel).ConfigureAwait(false);
            rows += db.Rows;
        }
        files.Add(system);
        foreach (var firm in firms)
        {
            var path = Path.Combine(folder, $"F{firm.Number:D5}.fdb");
            await using (var db = await FirebirdSampleDatabase.Create(_target, path, Charset, FirmDdl, cancel).ConfigureAwait(false))
            {
                await WriteFirm(db, spec, firm, cancel).ConfigureAwait(false);
                await db.Commit(cancel).ConfigureAwait(false);
                rows += db.Rows;
            }
            files.Add(path);
        }
        return new SampleInfo(Program, folder, files,
            firms.Select(f => new SampleFirmInfo(f.Number.ToString(), f.TaxId, f.Name)).ToList(), cases, rows);
    }

    private static List<Firm> Firms(SampleSpec spec)
    {
        var list = new List<Firm>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var data = SampleData.ForFirm(spec.Seed, i);
            var generated = i >= explicitFirms.Count;
            var nip = generated ? data.Nip() : explicitFirms[i].Nip;
            var name = generated ? data.FirmName(i - explicitFirms.Count) : explicitFirms[i].Name;
            list.Add(new Firm(i + 1, nip, i % 2 == 1 ? SampleData.Dashed(nip) : nip, name, data, true));
        }
        if (spec.Cases.HasFlag(SampleCases.InvalidNip))
        {
            var data = SampleData.ForFirm(spec.Seed, list.Count);
            var bad = SampleData.InvalidNip(data.Nip());
            list.Add(new Firm(list.Count + 1, bad, bad, "Firma Błędny NIP", data, false));
        }
        return list;
    }

    private static List<SampleCaseInfo> Cases(SampleSpec spec, List<Firm> firms)
    {
        var list = new List<SampleCaseInfo>();
        var valid = firms.Where(f => f.Declarations).ToList();
        if (valid.Count == 0) return list;
        if (spec.Cases.HasFlag(SampleCases.MissingDeclaration))
            list.Add(new(SampleCases.MissingDeclaration, valid[1 % valid.Count].Number.ToString(), spec.Year, 3,
                $"no PIT-4R dated {spec.Year}-03-31"));
        if (spec.Cases.HasFlag(SampleCases.MissingVatMonth))
            list.Add(new(SampleCases.MissingVatMonth, valid[2 % valid.Count].Number.ToString(), spec.Year, 2,
                $"no VAT-7 for {spec.Year}-02"));
        var invalid = firms.FirstOrDefault(f => !f.Declarations);
        if (invalid is not null)
            list.Add(new(SampleCases.InvalidNip, invalid.Number.ToString(), spec.Year, 1, $"TAXID {invalid.Nip} has a wrong check digit"));
        return list;
    }

    /// <summary>Declaration definitions: names as Raks shows them; ids differ per seed (match by name).</summary>
    private static readonly string[] Definitions = ["VAT-7", "PIT-4R", "PIT-8AR", "JPK_V7M", "CIT-8"];

    private static async Task WriteSystem(FirebirdSampleDatabase db, SampleSpec spec, List<Firm> firms,
        List<SampleCaseInfo> cases, CancellationToken cancel)
    {
        await using (var insert = await db.Insert("AD_FIRMS",
            ["ID", "NUMBER", "SHORTNAME", "TAXID", "FIRM_EMAIL_ADDRESS", "FIRM_PHONE_NUMBERS", "FULL_NAME", "STREET", "ZIPCODE", "PLACE"],
            cancel).ConfigureAwait(false))
            foreach (var f in firms)
            {
                var d = SampleData.ForFirm(spec.Seed, 1000 + f.Number);
                var shortName = f.Name.Length > 40 ? f.Name[..40] : f.Name;
                await insert.Row(cancel, f.Number * 10, f.Number, shortName, f.TaxId,
                    $"biuro{f.Number}@{SampleData.Ascii(f.Name).ToLowerInvariant()[..Math.Min(12, SampleData.Ascii(f.Name).Length)]}.pl",
                    d.Phone(), f.Name, d.Street(), d.PostalCode(), d.City()).ConfigureAwait(false);
            }
        var ids = new Dictionary<string, int>();
        var baseId = new SampleData(spec.Seed).Next(100, 900);
        await using (var insert = await db.Insert("R3_DEFINICJE_DEKLARACJI", ["ID", "NAZWA"], cancel).ConfigureAwait(false))
            for (var i = 0; i < Definitions.Length; i++)
            {
                ids[Definitions[i]] = baseId + i * 7;
                await insert.Row(cancel, ids[Definitions[i]], Definitions[i]).ConfigureAwait(false);
            }
        bool Skipped(SampleCases c, Firm f, int year, int month) =>
            cases.Any(x => x.Case == c && x.FirmKey == f.Number.ToString() && x.Year == year && x.Month == month);
        var id = 0;
        await using var decl = await db.Insert("R3_DEKLARACJE",
            ["ID", "DATA_DEKLARACJI", "ID_DEFINICJI_DEKLARACJI", "ID_WLASCICIELA", "NIP", "NAZWA_WLASCICIELA", "PODATEK",
             "EDEKL_STAN_PRZETWARZANIA", "C_DATE"], cancel).ConfigureAwait(false);
        for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
            for (var m = 1; m <= 12; m++)
                foreach (var f in firms.Where(f => f.Declarations))
                {
                    var date = new DateOnly(y, m, DateTime.DaysInMonth(y, m));
                    var created = new DateTime(y, m, 1).AddMonths(1).AddDays(9).AddHours(8).AddMinutes(f.Number);
                    // declarations' NIP as bare digits (AD_FIRMS may hold it with dashes)
                    async Task Add(string form, decimal tax) => await decl.Row(cancel, ++id, date.ToDateTime(TimeOnly.MinValue),
                        ids[form], f.Number * 10, f.Nip, f.Name, tax, 2, created).ConfigureAwait(false);
                    if (!Skipped(SampleCases.MissingVatMonth, f, y, m)) await Add("VAT-7", f.Data.Amount(200, 25000)).ConfigureAwait(false);
                    if (!Skipped(SampleCases.MissingDeclaration, f, y, m)) await Add("PIT-4R", f.Data.Amount(100, 4000)).ConfigureAwait(false);
                    if (f.Number % 2 == 0) await Add("PIT-8AR", f.Data.Amount(20, 600)).ConfigureAwait(false);
                }
    }

    private static readonly (string Account, string Name)[] Accounts =
    [
        ("100", "Kasa"), ("130", "Rachunek bieżący"), ("201", "Rozrachunki z odbiorcami"),
        ("202", "Rozrachunki z dostawcami"), ("401", "Zużycie materiałów i energii"), ("700", "Sprzedaż produktów i usług"),
    ];

    private static async Task WriteFirm(FirebirdSampleDatabase db, SampleSpec spec, Firm firm, CancellationToken cancel)
    {
        var d = SampleData.ForFirm(spec.Seed, 2000 + firm.Number);
        var owner = $"{d.Surname()} {firm.Name.Split(' ')[^1]}";
        var pesel = d.Pesel();
        await using (var zus = await db.Insert("KS_ZUS_DRA",
            ["ID", "ROK", "MIESIAC", "PLATNIK_NIP", "PLATNIK_PESEL", "PLATNIK_NAZWA", "PLATNIK_TYP", "EMERYTALNE", "RENTOWE",
             "CHOROBOWE", "WYPADKOWE", "ZDROWOTNE", "FP_FS", "FGSP", "FEP", "DO_ZAPLATY"], cancel).ConfigureAwait(false))
        {
            var id = 0;
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var c = Contributions.For(y, d.Amount(300, 1500));
                    await zus.Row(cancel, ++id, (short)y, (short)m, firm.Nip, pesel, owner, "wlasciciel", c.Emerytalne, c.Rentowe,
                        c.Chorobowe, c.Wypadkowe, c.Zdrowotne, c.FpFs, 0m, 0m, c.Total).ConfigureAwait(false);
                }
        }
        await using var tb = await db.Insert("KS_ZOIS",
            ["ROK", "MIESIAC", "KONTO", "NAZWA", "BO_WN", "BO_MA", "OBROTY_WN", "OBROTY_MA", "NARAST_WN", "NARAST_MA", "SALDO_WN", "SALDO_MA"],
            cancel).ConfigureAwait(false);
        for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
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
