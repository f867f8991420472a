using System.Globalization;
using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Buchalter;

/// <summary>
/// Writes a Buchalter sample in our model (buchalter.profile.json): under the installation folder a
/// folder per firm (A, B, …) with, per year, B5FIRMyy.DBF (the firm), B5WSPLyy.DBF (the partners),
/// B5ZUSWyy.DBF (the partners' ZUS register), B5DEKLyy.DBF (VAT-7 and PIT-5 per month) in CP1250, and
/// for every other firm the employees' ZUS exports ZUSPRACyyyymm.TXT (CP1250, ';'). With
/// <see cref="SampleCases.MissingDeclaration"/> the first firm has no PIT-5 for March; with
/// <see cref="SampleCases.InvalidNip"/> one more firm has a NIP with a wrong check digit.
/// </summary>
public sealed class BuchalterSampleWriter : ISampleWriter
{
    public ProgramId Program => ProgramId.Buchalter;

    /// <summary>The header line of the employees' export, as the profile names its columns.</summary>
    public const string ExportHeader = "PESEL;NAZWISKO;EMERYT;RENT;CHOROB;WYPADK;ZDROW;FP;FGSP;RAZEM";

    private sealed record Firm(string Key, string Nip, string Name, SampleData Data, bool Employees);

    /// <summary>The folder of firm number <paramref name="index"/> (from 0): A … Z, then F27, F28 ….</summary>
    public static string Key(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"F{index + 1}";

    public Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var firms = new List<Firm>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + 53), i);
            var generated = i >= explicitFirms.Count;
            firms.Add(new Firm(Key(i), generated ? data.Nip() : explicitFirms[i].Nip,
                generated ? data.FirmName(i - explicitFirms.Count) : explicitFirms[i].Name, data, i % 2 == 0));
        }
        var cases = new List<SampleCaseInfo>();
        if (spec.Cases.HasFlag(SampleCases.InvalidNip))
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + 53), firms.Count);
            var bad = SampleData.InvalidNip(data.Nip());
            firms.Add(new Firm(Key(firms.Count), bad, "Firma Błędny NIP", data, false));
            cases.Add(new(SampleCases.InvalidNip, firms[^1].Key, spec.Year, 1, $"NIP {bad} has a wrong check digit"));
        }
        var noPit = spec.Cases.HasFlag(SampleCases.MissingDeclaration) ? firms[0] : null;
        if (noPit is not null)
            cases.Add(new(SampleCases.MissingDeclaration, noPit.Key, spec.Year, 3, "no PIT-5 for March"));
        var files = new List<string>();
        long rows = 0;
        foreach (var f in firms)
        {
            cancel.ThrowIfCancellationRequested();
            var dir = Directory.CreateDirectory(Path.Combine(folder, f.Key)).FullName;
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                rows += WriteYear(dir, spec, f, y, f == noPit, files);
        }
        return Task.FromResult(new SampleInfo(Program, folder, files,
            firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows));
    }

    private static long WriteYear(string dir, SampleSpec spec, Firm f, int year, bool noPitInMarch, List<string> files)
    {
        var yy = (year % 100).ToString("00", CultureInfo.InvariantCulture);
        string Path_(string name) => Path.Combine(dir, name);
        var d = SampleData.ForFirm(spec.Seed, 5000 + Index(f) * 31 + year % 31);
        var firm = DbfSampleFile.Cp1250().Field("NAZWA", 'C', 60).Field("NIP", 'C', 13).Field("ULICA", 'C', 40)
            .Field("KOD_P", 'C', 6).Field("MIEJSC", 'C', 30).Field("REGON", 'C', 14)
            .Record(f.Name, f.Nip, d.Street(), d.PostalCode(), d.City(), null);
        var owner = SampleData.ForFirm(spec.Seed, 6000 + Index(f));
        var partners = DbfSampleFile.Cp1250().Field("NR", 'N', 3).Field("NAZWISKO", 'C', 30).Field("IMIE", 'C', 20)
            .Field("PESEL", 'C', 11).Field("NIP", 'C', 13)
            .Record(1, owner.Surname(), "Łucja", owner.Pesel(), null);
        var zus = DbfSampleFile.Cp1250().Field("NR", 'N', 5).Field("NR_WSPL", 'N', 3).Field("ROK", 'N', 4).Field("MIESIAC", 'N', 2)
            .Field("SK_EMER", 'N', 10, 2).Field("SK_RENT", 'N', 10, 2).Field("SK_CHOR", 'N', 10, 2).Field("SK_WYPAD", 'N', 10, 2)
            .Field("SK_ZDROW", 'N', 10, 2).Field("SK_FP", 'N', 10, 2).Field("SK_FGSP", 'N', 10, 2).Field("RAZEM", 'N', 12, 2);
        var dekl = DbfSampleFile.Cp1250().Field("NR", 'N', 6).Field("SYMBOL", 'C', 10).Field("ROK", 'N', 4)
            .Field("MIESIAC", 'N', 2).Field("KWOTA", 'N', 12, 2).Field("DATA_ZL", 'D', 8);
        var n = 0;
        for (var m = 1; m <= 12; m++)
        {
            var c = Contributions.For(year, f.Data.Amount(300, 1500));
            zus.Record(m, 1, year, m, c.Emerytalne, c.Rentowe, c.Chorobowe, c.Wypadkowe, c.Zdrowotne, c.FpFs, 0m, c.Total);
            var filed = new DateOnly(year, m, 1).AddMonths(1).AddDays(19);
            dekl.Record(++n, "VAT-7", year, m, f.Data.Amount(100, 20000), filed);
            if (!(noPitInMarch && m == 3)) dekl.Record(++n, "PIT-5", year, m, f.Data.Amount(50, 5000), filed);
            if (f.Employees) files.Add(Export(Path_($"ZUSPRAC{year:D4}{m:D2}.TXT"), f, year, m));
        }
        files.Add(firm.WriteTo(Path_($"B5FIRM{yy}.DBF")));
        files.Add(partners.WriteTo(Path_($"B5WSPL{yy}.DBF")));
        files.Add(zus.WriteTo(Path_($"B5ZUSW{yy}.DBF")));
        files.Add(dekl.WriteTo(Path_($"B5DEKL{yy}.DBF")));
        return firm.Count + partners.Count + zus.Count + dekl.Count + (f.Employees ? 24 : 0);
    }

    private static int Index(Firm f) => f.Key.Length == 1 ? f.Key[0] - 'A' : int.Parse(f.Key[1..], CultureInfo.InvariantCulture) - 1;

    /// <summary>Our model of the employees' export: a header line, then one line per insured person (two here).</summary>
    private static string Export(string path, Firm f, int year, int month)
    {
        var text = new StringBuilder(ExportHeader).Append("\r\n");
        for (var e = 0; e < 2; e++)
        {
            var person = SampleData.ForFirm(year * 100 + month, 7000 + Index(f) * 10 + e);
            var c = Contributions.For(year, person.Amount(200, 700));
            var line = string.Join(';', person.Pesel(), $"{person.Surname()} Żaneta",
                Money(c.Emerytalne), Money(c.Rentowe), Money(c.Chorobowe), Money(c.Wypadkowe), Money(c.Zdrowotne),
                Money(c.FpFs), Money(Math.Round(c.Emerytalne / 195.2m, 2)), Money(c.Total + Math.Round(c.Emerytalne / 195.2m, 2)));
            text.Append(line).Append("\r\n");
        }
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(SampleEncodings.Get(1250).GetBytes(text.ToString()));
        return path;
    }

    /// <summary>An amount as Buchalter's export writes it in our model: comma decimals.</summary>
    private static string Money(decimal d) => d.ToString("F2", CultureInfo.InvariantCulture).Replace('.', ',');
}
