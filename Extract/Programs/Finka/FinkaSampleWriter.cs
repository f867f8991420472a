using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Finka;

/// <summary>
/// Writes a Finka KPR, FK or Płace sample in our model (UTF8 Firebird files): for KPR and FK a file
/// <c>&lt;firm&gt;_&lt;year&gt;.FDB</c> per firm and year, for Płace a file <c>&lt;firm&gt;.FDB</c> per
/// firm. Each holds the firm's data (<c>FIRMA</c>), its declarations (KPR: VAT-7 and PIT-5, FK: VAT-7
/// and CIT-8 advances, Płace: PIT-4R) and ZUS (<c>ZUS_DRA</c>); FK adds a trial balance, KPR the
/// partners' shares (<c>WSPOLNICY</c>).
/// </summary>
public sealed class FinkaSampleWriter(ProgramId program, FirebirdTarget? target = null) : ISampleWriter
{
    private readonly FirebirdTarget _target = target ?? FirebirdTarget.Embedded();
    public ProgramId Program => program;
    public const string Charset = "UTF8";

    private string[] Ddl =>
    [
        """
        CREATE TABLE FIRMA (NAZWA VARCHAR(200), NAZWA_SKR VARCHAR(40), NIP VARCHAR(20), ULICA VARCHAR(80), KOD VARCHAR(10),
          MIEJSCOWOSC VARCHAR(60))
        """,
        "CREATE TABLE DEKLARACJE (ID INTEGER NOT NULL PRIMARY KEY, RODZAJ VARCHAR(20), OKRES DATE, KWOTA NUMERIC(15,2), UTWORZONO TIMESTAMP)",
        """
        CREATE TABLE ZUS_DRA (ID INTEGER NOT NULL PRIMARY KEY, ROK SMALLINT, MIESIAC SMALLINT, PLATNIK_NIP VARCHAR(20),
          PLATNIK_PESEL VARCHAR(11), PLATNIK_NAZWA VARCHAR(200), PLATNIK_TYP VARCHAR(20), EMERYTALNE NUMERIC(15,2),
          RENTOWE NUMERIC(15,2), CHOROBOWE NUMERIC(15,2), WYPADKOWE NUMERIC(15,2), ZDROWOTNE NUMERIC(15,2),
          FP_FS NUMERIC(15,2), FGSP NUMERIC(15,2), FEP NUMERIC(15,2), DO_ZAPLATY NUMERIC(15,2))
        """,
        .. program switch
        {
            ProgramId.FinkaFk =>
            [
                """
                CREATE TABLE OBROTY_SALDA (ROK SMALLINT, MIESIAC SMALLINT, KONTO VARCHAR(30), NAZWA VARCHAR(100),
                  BO_WN NUMERIC(15,2), BO_MA NUMERIC(15,2), OBROTY_WN NUMERIC(15,2), OBROTY_MA NUMERIC(15,2),
                  NARAST_WN NUMERIC(15,2), NARAST_MA NUMERIC(15,2), SALDO_WN NUMERIC(15,2), SALDO_MA NUMERIC(15,2))
                """,
            ],
            ProgramId.FinkaKpr => ["CREATE TABLE WSPOLNICY (ID INTEGER NOT NULL PRIMARY KEY, NAZWISKO_IMIE VARCHAR(100), PESEL VARCHAR(11), UDZIAL NUMERIC(5,2))"],
            _ => Array.Empty<string>(),
        },
    ];

    private bool PerYear => program is ProgramId.FinkaKpr or ProgramId.FinkaFk;

    private string[] Forms => program switch
    {
        ProgramId.FinkaKpr => ["VAT-7", "PIT-5"],
        ProgramId.FinkaFk => ["VAT-7", "CIT-8"],
        _ => ["PIT-4R"],
    };

    private sealed record Firm(string Key, string Nip, string Name, SampleData Data, bool Declarations);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        if (program is not (ProgramId.FinkaKpr or ProgramId.FinkaFk or ProgramId.FinkaPlace))
            throw new ArgumentException($"not a Finka program: {program}");
        Directory.CreateDirectory(folder);
        var seed = unchecked(spec.Seed + 71 + (int)program);
        var firms = new List<Firm>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var data = SampleData.ForFirm(seed, i);
            var generated = i >= explicitFirms.Count;
            firms.Add(new Firm($"FIRMA{i + 1}", generated ? data.Nip() : explicitFirms[i].Nip,
                generated ? data.FirmName(i - explicitFirms.Count) : explicitFirms[i].Name, data, true));
        }
        var cases = new List<SampleCaseInfo>();
        if (spec.Cases.HasFlag(SampleCases.InvalidNip))
        {
            var data = SampleData.ForFirm(seed, firms.Count);
            var bad = SampleData.InvalidNip(data.Nip());
            firms.Add(new Firm($"FIRMA{firms.Count + 1}", bad, "Firma Błędny NIP", data, false));
            cases.Add(new(SampleCases.InvalidNip, firms[^1].Key, spec.Year, 1, $"NIP {bad} has a wrong check digit"));
        }
        if (spec.Cases.HasFlag(SampleCases.MissingDeclaration) && firms.Count > 1)
            cases.Add(new(SampleCases.MissingDeclaration, firms[1].Key, spec.Year, 3, $"no {Forms[^1]} for {spec.Year}-03"));
        var files = new List<string>();
        long rows = 0;
        var years = Enumerable.Range(spec.Year, Math.Max(1, spec.Years)).ToList();
        foreach (var firm in firms)
            foreach (var group in PerYear ? years.Select(y => new[] { y }) : [years.ToArray()])
            {
                var path = Path.Combine(folder, PerYear ? $"{firm.Key}_{group[0]}.FDB" : $"{firm.Key}.FDB");
                await using (var db = await FirebirdSampleDatabase.Create(_target, path, Charset, Ddl, cancel).ConfigureAwait(false))
                {
                    await WriteFirm(db, spec, firm, group, cases, cancel).ConfigureAwait(false);
                    await db.Commit(cancel).ConfigureAwait(false);
                    rows += db.Rows;
                }
                files.Add(path);
            }
        return new SampleInfo(Program, folder, files, firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows);
    }

    private async Task WriteFirm(FirebirdSampleDatabase db, SampleSpec spec, Firm firm, int[] years, List<SampleCaseInfo> cases,
        CancellationToken cancel)
    {
        var d = SampleData.ForFirm(spec.Seed, 5000 + firm.Key.Sum(c => c));
        await using (var f = await db.Insert("FIRMA", ["NAZWA", "NAZWA_SKR", "NIP", "ULICA", "KOD", "MIEJSCOWOSC"], cancel).ConfigureAwait(false))
            await f.Row(cancel, firm.Name, firm.Key, firm.Nip, d.Street(), d.PostalCode(), d.City()).ConfigureAwait(false);
        if (firm.Declarations)
        {
            var id = 0;
            await using var decl = await db.Insert("DEKLARACJE", ["ID", "RODZAJ", "OKRES", "KWOTA", "UTWORZONO"], cancel).ConfigureAwait(false);
            foreach (var y in years)
                for (var m = 1; m <= 12; m++)
                    foreach (var form in Forms)
                    {
                        if (cases.Any(c => c.Case == SampleCases.MissingDeclaration && c.FirmKey == firm.Key && c.Year == y && c.Month == m)
                            && form == Forms[^1]) continue;
                        await decl.Row(cancel, ++id, form, new DateTime(y, m, DateTime.DaysInMonth(y, m)), firm.Data.Amount(100, 20000),
                            new DateTime(y, m, 1).AddMonths(1).AddDays(14)).ConfigureAwait(false);
                    }
        }
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
        if (program == ProgramId.FinkaKpr)
        {
            await using var p = await db.Insert("WSPOLNICY", ["ID", "NAZWISKO_IMIE", "PESEL", "UDZIAL"], cancel).ConfigureAwait(false);
            await p.Row(cancel, 1, owner, pesel, 60m).ConfigureAwait(false);
            await p.Row(cancel, 2, $"{d.Surname()} {firm.Name.Split(' ')[^1]}", d.Pesel(), 40m).ConfigureAwait(false);
        }
        if (program == ProgramId.FinkaFk)
        {
            await using var tb = await db.Insert("OBROTY_SALDA",
                ["ROK", "MIESIAC", "KONTO", "NAZWA", "BO_WN", "BO_MA", "OBROTY_WN", "OBROTY_MA", "NARAST_WN", "NARAST_MA", "SALDO_WN", "SALDO_MA"],
                cancel).ConfigureAwait(false);
            foreach (var y in years)
                foreach (var (account, name) in new[] { ("100", "Kasa"), ("130", "Rachunek bieżący"), ("700", "Sprzedaż") })
                {
                    var (cumDt, cumCt) = (0m, 0m);
                    for (var m = 1; m <= 12; m++)
                    {
                        var (dt, ct) = (d.Amount(0, 30000), d.Amount(0, 30000));
                        (cumDt, cumCt) = (cumDt + dt, cumCt + ct);
                        var balance = cumDt - cumCt;
                        await tb.Row(cancel, (short)y, (short)m, account, name, 0m, 0m, dt, ct, cumDt, cumCt,
                            balance > 0 ? balance : 0m, balance < 0 ? -balance : 0m).ConfigureAwait(false);
                    }
                }
        }
    }
}
