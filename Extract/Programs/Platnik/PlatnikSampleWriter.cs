using System.Data.Common;
using System.Data.Odbc;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Platnik;

/// <summary>
/// Writes a Płatnik sample with Płatnik's table and column names (platnik.profile.json): payers
/// (PLATNIK), DRA declarations (ZUSDRA, period MMRRRR, corrections as later versions), RCA reports
/// (ZUSRCA) and their insured persons (UBEZP_ZUSRCA). No free tool writes an .mdb file, so
/// <see cref="Write"/> makes the Access stand-in: a SQLite file named like Płatnik's database, written
/// through the SQLite ODBC driver (Debian libsqliteodbc) and read through the same driver by the
/// connector. <see cref="Statements"/> gives the same data as statements for a server (the SQL Server stand-in).
/// The manual's cases: a payer filing DRA only in some months (copies across January), a
/// correction of March, and with <see cref="SampleCases.InvalidNip"/> a PESEL with a wrong check
/// digit and a period that is not MMRRRR.
/// </summary>
public sealed class PlatnikSampleWriter(string driver = PlatnikSampleWriter.StandInDriver) : ISampleWriter
{
    /// <summary>The ODBC driver of the Access stand-in (the SQLite ODBC driver as Debian registers it).</summary>
    public const string StandInDriver = "SQLite3";
    public const string File = "Platnik.mdb";
    public ProgramId Program => ProgramId.Platnik;

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, File);
        if (System.IO.File.Exists(path)) throw new IOException($"{path} exists: the sample writer never touches a file it did not make");
        var (statements, info) = Statements(spec);
        var builder = new OdbcConnectionStringBuilder { Driver = driver };
        builder["Database"] = path;
        await using (var connection = new OdbcConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(cancel);
            // the SQLite ODBC driver takes no decimal parameter: amounts go as doubles (SQLite keeps them as REAL)
            await Execute(connection, statements, _ => "?", v => v is decimal m ? (double)m : v, cancel);
        }
        return info with { Folder = folder, Files = [path] };
    }

    /// <summary>
    /// Runs the statements in one transaction; values go as parameters (text in an ODBC statement's
    /// own text loses its Polish letters), written by <paramref name="marker"/> (0-based: "?", "$1") and
    /// converted for the driver by <paramref name="convert"/>.
    /// </summary>
    public static async Task Execute(DbConnection connection, IEnumerable<SampleStatement> statements,
        Func<int, string> marker, Func<object?, object?> convert, CancellationToken cancel)
    {
        await using var tx = await connection.BeginTransactionAsync(cancel);
        foreach (var statement in statements)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = statement.Values.Count == 0 ? statement.Sql
                : $"{statement.Sql} VALUES ({string.Join(", ", statement.Values.Select((_, i) => marker(i)))})";
            foreach (var v in statement.Values.Select(convert))
            {
                var p = cmd.CreateParameter();
                p.Value = v ?? DBNull.Value;
                if (v is null) p.DbType = System.Data.DbType.String; // a null the converter left typeless (DBNull) stays so
                cmd.Parameters.Add(p);
            }
            await cmd.ExecuteNonQueryAsync(cancel);
        }
        await tx.CommitAsync(cancel);
    }

    public static readonly string[] Ddl =
    [
        """
        CREATE TABLE "PLATNIK" ("ID" INTEGER NOT NULL PRIMARY KEY, "NAZWASKR" VARCHAR(31), "NIP" VARCHAR(10),
          "REGON" VARCHAR(14), "PESEL" VARCHAR(11), "NAZWISKO" VARCHAR(31), "IMIE" VARCHAR(22), "RODZAJ_PLATNIKA" VARCHAR(20))
        """,
        """
        CREATE TABLE "ZUSDRA" ("ID_DOKUMENT" INTEGER NOT NULL PRIMARY KEY, "ID_PLATNIK" INTEGER NOT NULL,
          "I_2_1IDDEKLS" VARCHAR(2), "I_2_2OKRESDEKLAR" VARCHAR(7), "II_1_NIP" VARCHAR(10), "II_3_PESEL" VARCHAR(11),
          "II_6_NAZWASKR" VARCHAR(31), "II_7_NAZWISKO" VARCHAR(31), "II_8_IMIEPIERW" VARCHAR(22), "III_1_LUBEZP" INTEGER,
          "IV_32_KWSKSPOL" DECIMAL(12,2), "VII_4_KWZAP" DECIMAL(12,2), "VIII_1_KWNALSKLFP" DECIMAL(12,2),
          "VIII_2_KWNALSKFGSP" DECIMAL(12,2), "IX_3_SSKLADFEP" DECIMAL(12,2), "X_4_LKWDOPLAT" DECIMAL(12,2),
          "IX_2_KWDOZAPLATY" DECIMAL(12,2))
        """,
        """
        CREATE TABLE "ZUSRCA" ("ID_DOKUMENT" INTEGER NOT NULL PRIMARY KEY, "ID_PLATNIK" INTEGER NOT NULL,
          "I_2_1IDDEKLS" VARCHAR(2), "I_2_2OKRESDEKLAR" VARCHAR(7))
        """,
        """
        CREATE TABLE "UBEZP_ZUSRCA" ("ID_DOKUMENT" INTEGER NOT NULL PRIMARY KEY, "ID_DOK_NAD" INTEGER NOT NULL,
          "ID_PLATNIK" INTEGER NOT NULL, "III_A_4_IDENTYF" VARCHAR(11), "III_B_1_KODTYTUB" VARCHAR(6),
          "III_B_7_KWSKLEU_R" DECIMAL(12,2), "III_B_8_KWSKLRU_R" DECIMAL(12,2), "III_B_9_KWSKLCH_R" DECIMAL(12,2),
          "III_B_13_KWSKLWYP" DECIMAL(12,2))
        """,
        """CREATE INDEX "ZUSDRA_PLATNIK" ON "ZUSDRA" ("ID_PLATNIK")""",
    ];

    private sealed record Payer(int Id, string Nip, string Pesel, string LastName, string FirstName, string ShortName, string Type);

    /// <summary>The sample as SQL statements (double-quoted names, literal values) and what it holds.</summary>
    public static (IReadOnlyList<SampleStatement> Statements, SampleInfo Info) Statements(SampleSpec spec)
    {
        var sql = Ddl.Select(d => new SampleStatement(d, [])).ToList();
        var payers = new List<Payer>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var d = SampleData.ForFirm(spec.Seed, i + 1);
            var (nip, name) = i < explicitFirms.Count
                ? (new string(explicitFirms[i].Nip.Where(char.IsAsciiDigit).ToArray()), explicitFirms[i].Name)
                : (d.Nip(), "");
            var (last, first) = (SampleData.Ascii(d.Surname()), i % 2 == 0 ? "Jan" : "Anna");
            var shortName = (name.Length > 0 ? name : $"{last} {first}");
            payers.Add(new Payer(i + 1, nip, d.Pesel(), last, first, shortName[..Math.Min(31, shortName.Length)], "SelfOnly"));
        }
        var cases = new List<SampleCaseInfo>();
        var rows = 0L;
        var (dra, rca, insured) = (0, 0, 0);
        void Declare(Payer p, string period, int version, SampleData d, int year, string? pesel = null)
        {
            var c = Contributions.For(year, d.Amount(300, 800));
            var social = c.Emerytalne + c.Rentowe + c.Chorobowe + c.Wypadkowe;
            var total = c.Total + version - 1; // a correction changes the amount
            sql.Add(Insert("ZUSDRA", ++dra, p.Id, $"{version:D2}", period, p.Nip, pesel ?? p.Pesel, p.ShortName, p.LastName, p.FirstName, 1,
                social, c.Zdrowotne, c.FpFs, 0m, 0m, total, null));
            sql.Add(Insert("ZUSRCA", ++rca, p.Id, $"{version:D2}", period));
            sql.Add(Insert("UBEZP_ZUSRCA", ++insured, rca, p.Id, pesel ?? p.Pesel, "057000", c.Emerytalne, c.Rentowe,
                c.Chorobowe, c.Wypadkowe + version - 1));
            rows += 3;
        }
        foreach (var p in payers)
        {
            sql.Add(Insert("PLATNIK", p.Id, p.ShortName, p.Nip, null, p.Pesel, p.LastName, p.FirstName, p.Type));
            rows++;
            var d = SampleData.ForFirm(spec.Seed, 1000 + p.Id);
            var someMonths = p.Id == 2 && spec.Cases.HasFlag(SampleCases.MissingDeclaration);
            if (someMonths)
            {
                // December of the year before, then March, April and August: the other months are copied
                Declare(p, $"12{spec.Year - 1:D4}", 1, d, spec.Year - 1);
                foreach (var m in new[] { 3, 4, 8 }) Declare(p, $"{m:D2}{spec.Year:D4}", 1, d, spec.Year);
                cases.Add(new SampleCaseInfo(SampleCases.MissingDeclaration, p.Id.ToString(CultureInfo.InvariantCulture), spec.Year, 1,
                    $"Płatnik payer {p.ShortName} files DRA for December {spec.Year - 1}, March, April and August only: " +
                    "the other months are copied forward, January and February across the new year"));
                continue;
            }
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    Declare(p, $"{m:D2}{y:D4}", 1, d, y);
                    if (p.Id == 1 && m == 3) Declare(p, $"{m:D2}{y:D4}", 2, d, y); // a correction of March
                }
        }
        if (spec.Cases.HasFlag(SampleCases.InvalidNip) && payers.Count > 0)
        {
            var d = SampleData.ForFirm(spec.Seed, 999);
            var bad = new Payer(payers.Count + 1, d.Nip(), d.Pesel(), "Nowak", "Piotr", "Nowak Piotr", "SelfOnly");
            var wrongPesel = bad.Pesel[..10] + (char)('0' + (bad.Pesel[10] - '0' + 1) % 10);
            sql.Add(Insert("PLATNIK", bad.Id, bad.ShortName, bad.Nip, null, wrongPesel, bad.LastName, bad.FirstName, bad.Type));
            Declare(bad, $"05{spec.Year:D4}", 1, d, spec.Year, wrongPesel);
            Declare(bad, $"{spec.Year:D4}-06", 1, d, spec.Year);
            rows++;
            payers.Add(bad);
            cases.Add(new SampleCaseInfo(SampleCases.InvalidNip, bad.Id.ToString(CultureInfo.InvariantCulture), spec.Year, 5,
                $"Płatnik payer {bad.ShortName}: a DRA for May with a PESEL whose check digit is wrong, and one whose period '{spec.Year:D4}-06' is not MMRRRR"));
        }
        var firms = payers.Select(p => new SampleFirmInfo(p.Id.ToString(CultureInfo.InvariantCulture), p.Nip, p.ShortName)).ToList();
        return (sql, new SampleInfo(ProgramId.Platnik, "", [], firms, cases, rows));
    }

    private static SampleStatement Insert(string table, params object?[] values) => new($"INSERT INTO \"{table}\"", values);
}

/// <summary>A statement of a sample: DDL, or an INSERT into a table whose values are given as parameters.</summary>
public sealed record SampleStatement(string Sql, IReadOnlyList<object?> Values);
