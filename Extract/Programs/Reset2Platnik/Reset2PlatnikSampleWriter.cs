using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Reset2Platnik;

/// <summary>
/// Writes a Reset2 Płatnik sample on a server (the PostgreSQL stand-in for SQL Server): one database
/// with schema dbo holding the model firm table FIRMA and the documented payroll tables PRACOWNK,
/// LISTA (one list per firm and month, its firm in the model column X_IFirma) and NPOZLIST (one row
/// per person per list, with the employer's and the employee's contributions). Every firm has two
/// employees; the second firm has no list in March of the first year, a month copy-forward fills.
/// </summary>
public sealed class Reset2PlatnikSampleWriter(string database, SampleServer server) : ISampleWriter
{
    public ProgramId Program => ProgramId.Reset2Platnik;

    /// <summary>The month of the first year without a payroll list for the second firm.</summary>
    public const int GapMonth = 3;

    private static readonly string[] Contributions =
        ["SklZaklZUS_E", "SklZaklZUS_R", "SklZaklZUS_W", "SklPracZUS_E", "SklPracZUS_R", "SklPracZUS_C", "KasaChor", "SklFP", "SklFGSP", "SklFEP"];

    /// <summary>The contributions of one month's pay, in the order of <see cref="Contributions"/> (rates of 2024; FEP none).</summary>
    public static decimal[] Of(decimal pay)
    {
        decimal R(decimal rate) => Math.Round(pay * rate, 2);
        var employeeSocial = R(0.0976m) + R(0.015m) + R(0.0245m);
        return [R(0.0976m), R(0.065m), R(0.0167m), R(0.0976m), R(0.015m), R(0.0245m), Math.Round((pay - employeeSocial) * 0.09m, 2),
            R(0.0245m), R(0.001m), 0m];
    }

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var firms = SampleServer.Firms(spec, new SampleData(unchecked(spec.Seed + 71)));
        string T(string table) => server.Table("dbo", table);
        await server.Create(database, cancel).ConfigureAwait(false);
        await using var db = await server.Open(database, cancel).ConfigureAwait(false);
        if (!server.IsMySql) await SampleServer.Exec(db, "CREATE SCHEMA IF NOT EXISTS dbo", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "FIRMA", "X_I integer primary key, Nazwa varchar(250), NIP varchar(20), REGON varchar(14)", cancel)
            .ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "PRACOWNK", "X_I integer primary key, Nazwisko varchar(60), Imie varchar(40), Skasowany smallint", cancel)
            .ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "LISTA", "X_I integer primary key, X_IFirma integer, Numer varchar(20), Od date, Do date, " +
            "Kartoteka_z_miesiaca smallint, Kartoteka_z_roku smallint", cancel).ConfigureAwait(false);
        await server.CreateTable(db, "dbo", "NPOZLIST", "X_I integer primary key, X_IPracownik integer, Nazwisko varchar(60), Imie varchar(40), " +
            "X_ILista integer, Kod_tytulu_ubezpieczenia varchar(6), " + string.Join(", ", Contributions.Select(c => c + " numeric(15,2)")), cancel)
            .ConfigureAwait(false);
        var cols = string.Join(", ", Contributions.Select(server.Col));
        var head = string.Join(", ", new[] { "X_I", "X_IPracownik", "Nazwisko", "Imie", "X_ILista", "Kod_tytulu_ubezpieczenia" }.Select(server.Col));
        var args = string.Join(", ", Contributions.Select((_, i) => "@c" + i));
        long rows = 0;
        int list = 0, line = 0;
        var lastYear = spec.Year + Math.Max(1, spec.Years) - 1;
        var cases = new List<SampleCaseInfo>();
        foreach (var f in firms)
        {
            var d = SampleData.ForFirm(spec.Seed, 6000 + f.Id);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("FIRMA")} VALUES (@id, @n, @nip, NULL)", cancel,
                ("@id", f.Id), ("@n", f.Name), ("@nip", f.Nip)).ConfigureAwait(false);
            var people = Enumerable.Range(1, 2).Select(k => (Id: f.Id * 10 + k, Surname: d.Surname(), Pay: d.Amount(4300, 9000))).ToList();
            foreach (var p in people)
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("PRACOWNK")} VALUES (@id, @s, @i, 0)", cancel,
                    ("@id", p.Id), ("@s", p.Surname), ("@i", "Anna")).ConfigureAwait(false);
            if (f.Id == 2 && firms.Count > 1)
                cases.Add(new(SampleCases.MissingDeclaration, "2", spec.Year, GapMonth, $"no payroll list for {spec.Year}-{GapMonth:D2}"));
            for (var y = spec.Year; y <= lastYear; y++)
                for (var m = 1; m <= 12; m++)
                {
                    if (f.Id == 2 && y == spec.Year && m == GapMonth) continue;
                    var first = new DateTime(y, m, 1);
                    rows += await SampleServer.Exec(db, $"INSERT INTO {T("LISTA")} VALUES (@id, @f, @no, @from, @to, @m, @y)", cancel,
                        ("@id", ++list), ("@f", f.Id), ("@no", $"{m}/{y}"), ("@from", first), ("@to", first.AddMonths(1).AddDays(-1)),
                        ("@m", (short)m), ("@y", (short)y)).ConfigureAwait(false);
                    foreach (var p in people)
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("NPOZLIST")} ({head}, {cols}) VALUES (@id, @p, @s, 'Anna', @l, '0110', {args})", cancel,
                            [("@id", ++line), ("@p", p.Id), ("@s", p.Surname), ("@l", list),
                             .. Of(p.Pay).Select((v, i) => ("@c" + i, (object?)v))]).ConfigureAwait(false);
                }
        }
        return new SampleInfo(Program, folder, [database],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(CultureInfo.InvariantCulture), f.Nip, f.Name)).ToList(), cases, rows);
    }

    /// <summary>Drops the sample's database.</summary>
    public Task Drop() => server.Drop(database, CancellationToken.None);
}
