using System.Data.Odbc;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.SymfoniaMk;

/// <summary>
/// Writes a Symfonia MK sample: MKP.INI (CP1250, CRLF; our model: [Dane] Katalog, [Firmy]) naming a
/// folder per firm under Dane, and in each folder the firm's database with our model's tables
/// (symfoniamk.profile.json): FIRMA, DEKLARACJE (VAT-7 and PIT-5 per month), ZUS_DRA (the owner's
/// contributions per month). No free tool writes Btrieve files or runs Pervasive's ODBC driver, so a
/// database is the stand-in: a SQLite file (<see cref="StandInFile"/>) written through the SQLite ODBC
/// driver and read through it (setting firmDatabase = <see cref="StandInDatabase"/>).
/// </summary>
public sealed class SymfoniaMkSampleWriter(string driver = PlatnikSampleWriter.StandInDriver) : ISampleWriter
{
    public const string StandInFile = "MK.DB";

    /// <summary>The firmDatabase setting that reads the stand-in: the file in each firm's folder.</summary>
    public static string StandInDatabase => "{1}" + Path.DirectorySeparatorChar + StandInFile;

    public ProgramId Program => ProgramId.SymfoniaMk;

    /// <summary>The settings that read a written sample on the stand-in (besides "path").</summary>
    public static IReadOnlyDictionary<string, string> StandInSettings => new Dictionary<string, string>
    {
        ["driver"] = PlatnikSampleWriter.StandInDriver, ["firmDatabase"] = StandInDatabase,
    };

    private static readonly string[] Ddl =
    [
        """CREATE TABLE "FIRMA" ("NAZWA" VARCHAR(80), "NIP" VARCHAR(13), "REGON" VARCHAR(14), "ULICA" VARCHAR(40), "KOD_POCZTOWY" VARCHAR(6), "MIASTO" VARCHAR(30))""",
        """CREATE TABLE "DEKLARACJE" ("ID" INTEGER PRIMARY KEY, "SYMBOL" VARCHAR(10), "ROK" INTEGER, "MIESIAC" INTEGER, "KWOTA" DECIMAL(12,2), "DATA_ZLOZENIA" DATE)""",
        """CREATE TABLE "ZUS_DRA" ("ID" INTEGER PRIMARY KEY, "ROK" INTEGER, "MIESIAC" INTEGER, "PESEL" VARCHAR(11), "NAZWISKO_IMIE" VARCHAR(50), "EMERYTALNE" DECIMAL(10,2), "RENTOWE" DECIMAL(10,2), "CHOROBOWE" DECIMAL(10,2), "WYPADKOWE" DECIMAL(10,2), "ZDROWOTNE" DECIMAL(10,2), "FUNDUSZ_PRACY" DECIMAL(10,2), "RAZEM" DECIMAL(12,2))""",
    ];

    /// <summary>The folder of a firm: the second one has Polish letters, as firm folders often do.</summary>
    private static string FolderName(int i) => i == 1 ? "Biuro Łódź-Śródmieście" : $"Firma{i + 1}";

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var ini = Path.Combine(folder, MkpIni.FileName);
        if (File.Exists(ini)) throw new IOException($"{ini} exists: the sample writer never touches a file it did not make");
        var data = Path.Combine(folder, "Dane");
        var cases = new List<SampleCaseInfo>();
        var firms = ModelTables.Firms(spec, 31, FolderName, cases);
        var files = new List<string> { ini };
        var rows = 0L;
        foreach (var firm in firms)
        {
            var dir = Directory.CreateDirectory(Path.Combine(data, firm.Key)).FullName;
            var file = Path.Combine(dir, StandInFile);
            files.Add(file);
            var statements = Statements(firm, spec);
            rows += statements.Count - Ddl.Length;
            var builder = new OdbcConnectionStringBuilder { Driver = driver };
            builder["Database"] = OdbcTarget.SqliteUri(file, "rwc");
            await using var connection = new OdbcConnection(builder.ConnectionString);
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            // the SQLite ODBC driver takes no decimal parameter: amounts go as doubles
            await PlatnikSampleWriter.Execute(connection, statements, _ => "?", v => v is decimal m ? (double)m : v, cancel)
                .ConfigureAwait(false);
        }
        var text = "[Ogolne]\r\nWersja=2011.a\r\n[Dane]\r\nKatalog=" + data + "\r\n[Firmy]\r\n"
            + string.Concat(firms.Select((f, i) => $"Firma{i + 1}={Path.Combine(data, f.Key)}\r\n"));
        await File.WriteAllBytesAsync(ini, TextEncodings.Get(1250).GetBytes(text), cancel).ConfigureAwait(false);
        return new SampleInfo(Program, folder, files, firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows);
    }

    private static List<SampleStatement> Statements(ModelTables.Firm firm, SampleSpec spec)
    {
        var sql = Ddl.Select(d => new SampleStatement(d, [])).ToList();
        var place = SampleData.ForFirm(firm.Data.Next(0, 1000), 1);
        sql.Add(Insert("FIRMA", firm.Name, firm.Nip, null, place.Street(), place.PostalCode(), place.City()));
        var owner = SampleData.ForFirm(firm.Data.Next(0, 1000), 2);
        var (pesel, name) = (owner.Pesel(), $"{owner.Surname()} Jędrzej");
        var id = 0;
        for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
            for (var m = 1; m <= 12; m++)
            {
                var filed = new DateOnly(y, m, 1).AddMonths(1).AddDays(19).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var form in new[] { "VAT-7", "PIT-5" })
                    sql.Add(Insert("DEKLARACJE", ++id, form, y, m, firm.Data.Amount(50, 20000), filed));
                var c = Contributions.For(y, firm.Data.Amount(300, 1500));
                sql.Add(Insert("ZUS_DRA", y * 100 + m, y, m, pesel, name, c.Emerytalne, c.Rentowe, c.Chorobowe, c.Wypadkowe,
                    c.Zdrowotne, c.FpFs, c.Total));
            }
        return sql;
    }

    private static SampleStatement Insert(string table, params object?[] values) => new($"INSERT INTO \"{table}\"", values);
}
