using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Fakt;

/// <summary>
/// Writes a Fakt sample in our model (fakt.profile.json): FAKT.FDB (UTF8) with the firms and the
/// print archive. Per firm and month one "Razem" report (VAT-7, PIT-5 or PIT-28, PIT-4 for some
/// firms, and the owner's ZUS), printed on the 12th of the next month; with
/// <see cref="SampleCases.RegeneratedWithoutTax"/> the first firm's March report is generated
/// again on 20 April as a "Raport podatków" without its income tax (the manual's rule).
/// </summary>
public sealed class FaktSampleWriter(FirebirdTarget? target = null) : ISampleWriter
{
    private readonly FirebirdTarget _target = target ?? FirebirdTarget.Embedded();
    public ProgramId Program => ProgramId.Fakt;
    public const string Charset = "UTF8";

    private static readonly string[] Ddl =
    [
        """
        CREATE TABLE FIRMY (ID INTEGER NOT NULL PRIMARY KEY, NAZWA VARCHAR(200), NIP VARCHAR(20), ULICA VARCHAR(80),
          KOD VARCHAR(10), MIEJSCOWOSC VARCHAR(60), EMAIL VARCHAR(80), TELEFON VARCHAR(40), REGON VARCHAR(14))
        """,
        """
        CREATE TABLE ARCHIWUM_WYDRUKOW (ID INTEGER NOT NULL PRIMARY KEY, ID_FIRMY INTEGER NOT NULL, RODZAJ VARCHAR(20),
          DATA_WYDRUKU TIMESTAMP, OKRES_OD DATE, OKRES_DO DATE)
        """,
        "CREATE INDEX ARCHIWUM_WYDRUKOW_FIRMA ON ARCHIWUM_WYDRUKOW (ID_FIRMY)",
        """
        CREATE TABLE ARCHIWUM_POZYCJE (ID INTEGER NOT NULL PRIMARY KEY, ID_WYDRUKU INTEGER NOT NULL, KOD VARCHAR(10),
          ROK SMALLINT, MIESIAC SMALLINT, KWOTA NUMERIC(15,2), PLATNIK_NIP VARCHAR(20), PLATNIK_PESEL VARCHAR(11),
          PLATNIK_NAZWA VARCHAR(200), EMERYTALNE NUMERIC(15,2), RENTOWE NUMERIC(15,2), CHOROBOWE NUMERIC(15,2),
          WYPADKOWE NUMERIC(15,2), ZDROWOTNE NUMERIC(15,2), FP_FS NUMERIC(15,2), FGSP NUMERIC(15,2), FEP NUMERIC(15,2))
        """,
        "CREATE INDEX ARCHIWUM_POZYCJE_WYDRUK ON ARCHIWUM_POZYCJE (ID_WYDRUKU)",
    ];

    private sealed record Firm(int Id, string Nip, string Name, SampleData Data, bool Reports);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var firms = new List<Firm>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + 31), i);
            var generated = i >= explicitFirms.Count;
            firms.Add(new Firm(i + 1, generated ? data.Nip() : explicitFirms[i].Nip,
                generated ? data.FirmName(i - explicitFirms.Count) : explicitFirms[i].Name, data, true));
        }
        var cases = new List<SampleCaseInfo>();
        if (spec.Cases.HasFlag(SampleCases.InvalidNip))
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + 31), firms.Count);
            var bad = SampleData.InvalidNip(data.Nip());
            firms.Add(new Firm(firms.Count + 1, bad, "Firma Błędny NIP", data, false));
            cases.Add(new(SampleCases.InvalidNip, firms[^1].Id.ToString(), spec.Year, 1, $"NIP {bad} has a wrong check digit"));
        }
        var regenerated = spec.Cases.HasFlag(SampleCases.RegeneratedWithoutTax) && firms.Any(f => f.Reports)
            ? firms.First(f => f.Reports) : null;
        if (regenerated is not null)
            cases.Add(new(SampleCases.RegeneratedWithoutTax, regenerated.Id.ToString(), spec.Year, 3,
                $"March report generated again on {spec.Year}-04-20 without {IncomeTax(regenerated)}"));
        var path = Path.Combine(folder, "FAKT.FDB");
        long rows;
        await using (var db = await FirebirdSampleDatabase.Create(_target, path, Charset, Ddl, cancel).ConfigureAwait(false))
        {
            await Write(db, spec, firms, regenerated, cancel).ConfigureAwait(false);
            await db.Commit(cancel).ConfigureAwait(false);
            rows = db.Rows;
        }
        return new SampleInfo(Program, folder, [path],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(), f.Nip, f.Name)).ToList(), cases, rows);
    }

    private static string IncomeTax(Firm f) => f.Id % 2 == 1 ? "PIT-5" : "PIT-28";

    private static async Task Write(FirebirdSampleDatabase db, SampleSpec spec, List<Firm> firms, Firm? regenerated,
        CancellationToken cancel)
    {
        await using (var insert = await db.Insert("FIRMY",
            ["ID", "NAZWA", "NIP", "ULICA", "KOD", "MIEJSCOWOSC", "EMAIL", "TELEFON"], cancel).ConfigureAwait(false))
            foreach (var f in firms)
            {
                var d = SampleData.ForFirm(spec.Seed, 3000 + f.Id);
                await insert.Row(cancel, f.Id, f.Name, f.Nip, d.Street(), d.PostalCode(), d.City(),
                    $"firma{f.Id}@example.pl", d.Phone()).ConfigureAwait(false);
            }
        await using var reports = await db.Insert("ARCHIWUM_WYDRUKOW",
            ["ID", "ID_FIRMY", "RODZAJ", "DATA_WYDRUKU", "OKRES_OD", "OKRES_DO"], cancel).ConfigureAwait(false);
        await using var items = await db.Insert("ARCHIWUM_POZYCJE",
            ["ID", "ID_WYDRUKU", "KOD", "ROK", "MIESIAC", "KWOTA", "PLATNIK_NIP", "PLATNIK_PESEL", "PLATNIK_NAZWA",
             "EMERYTALNE", "RENTOWE", "CHOROBOWE", "WYPADKOWE", "ZDROWOTNE", "FP_FS", "FGSP", "FEP"], cancel).ConfigureAwait(false);
        var (reportId, itemId) = (0, 0);
        async Task Tax(int report, string code, int y, int m, decimal amount) =>
            await items.Row(cancel, ++itemId, report, code, (short)y, (short)m, amount,
                null, null, null, null, null, null, null, null, null, null, null).ConfigureAwait(false);
        foreach (var f in firms.Where(f => f.Reports))
        {
            var owner = SampleData.ForFirm(spec.Seed, 4000 + f.Id);
            var (pesel, ownerName) = (owner.Pesel(), $"{owner.Surname()} {f.Name.Split(' ')[^1]}");
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var first = new DateOnly(y, m, 1);
                    var (from, to) = (first.ToDateTime(TimeOnly.MinValue), first.AddMonths(1).AddDays(-1).ToDateTime(TimeOnly.MinValue));
                    var printed = first.AddMonths(1).AddDays(11).ToDateTime(new TimeOnly(9, 0)).AddMinutes(f.Id);
                    var (vat, income, pit4) = (f.Data.Amount(100, 20000), f.Data.Amount(50, 5000), f.Data.Amount(100, 3000));
                    await reports.Row(cancel, ++reportId, f.Id, "RAZEM", printed, from, to).ConfigureAwait(false);
                    await Tax(reportId, "VAT-7", y, m, vat).ConfigureAwait(false);
                    await Tax(reportId, IncomeTax(f), y, m, income).ConfigureAwait(false);
                    if (f.Id % 3 == 0) await Tax(reportId, "PIT-4", y, m, pit4).ConfigureAwait(false);
                    var c = Contributions.For(y, f.Data.Amount(300, 1500));
                    await items.Row(cancel, ++itemId, reportId, "ZUS", (short)y, (short)m, c.Total, f.Nip, pesel, ownerName,
                        c.Emerytalne, c.Rentowe, c.Chorobowe, c.Wypadkowe, c.Zdrowotne, c.FpFs, 0m, 0m).ConfigureAwait(false);
                    if (f == regenerated && y == spec.Year && m == 3)
                    {
                        await reports.Row(cancel, ++reportId, f.Id, "RAPORT_PODATKOW",
                            new DateTime(y, 4, 20, 14, 30, 0), from, to).ConfigureAwait(false);
                        await Tax(reportId, "VAT-7", y, m, vat).ConfigureAwait(false);
                    }
                }
        }
    }
}
