using System.Globalization;
using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Kpr;

/// <summary>
/// Writes a KPR sample in our model of ImportDoKPR's export: per firm and year a folder
/// &lt;key&gt;_&lt;year&gt; (KPR_2024 for the first firm, KPR2_2024 … for more installations) holding
/// KS_FIRMA.TXT, KS_DEKL.TXT (VAT-7, PIT-5 per month) and KS_ZUS.TXT (the owner's ZUS): a header line,
/// ';' between fields, comma decimals, dates yyyy-MM-dd, CP1250.
/// </summary>
public sealed class KprSampleWriter : ISampleWriter
{
    public ProgramId Program => ProgramId.Kpr;

    public static string Key(int index) => index == 0 ? "KPR" : $"KPR{index + 1}";

    public Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var cases = new List<SampleCaseInfo>();
        var firms = ModelTables.Firms(spec, 97, Key, cases);
        var files = new List<string>();
        long rows = 0;
        foreach (var f in firms)
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
            {
                cancel.ThrowIfCancellationRequested();
                var dir = Directory.CreateDirectory(Path.Combine(folder, $"{f.Key}_{y}")).FullName;
                var place = SampleData.ForFirm(f.Data.Next(0, 1000), 1);
                rows += Text(dir, "KS_FIRMA", files, "NAZWA;NIP;ULICA;KOD;MIEJSCOWOSC",
                    [[f.Name, f.Nip, place.Street(), place.PostalCode(), place.City()]]);
                var owner = SampleData.ForFirm(f.Data.Next(0, 1000), 2);
                var (pesel, name) = (owner.Pesel(), $"{owner.Surname()} Bożena");
                var dekl = new List<string[]>();
                var zus = new List<string[]>();
                for (var m = 1; m <= 12; m++)
                {
                    var filed = new DateOnly(y, m, 1).AddMonths(1).AddDays(19).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    dekl.Add([$"{dekl.Count + 1}", "VAT-7", $"{y}", $"{m}", Money(f.Data.Amount(100, 20000)), filed]);
                    dekl.Add([$"{dekl.Count + 1}", "PIT-5", $"{y}", $"{m}", Money(f.Data.Amount(50, 5000)), filed]);
                    var c = Contributions.For(y, f.Data.Amount(300, 1500));
                    zus.Add([$"{m}", pesel, name, $"{y}", $"{m}", Money(c.Emerytalne), Money(c.Rentowe), Money(c.Chorobowe),
                        Money(c.Wypadkowe), Money(c.Zdrowotne), Money(c.FpFs), Money(c.Total)]);
                }
                rows += Text(dir, "KS_DEKL", files, "ID;FORMULARZ;ROK;MIESIAC;KWOTA;DATA", dekl);
                rows += Text(dir, "KS_ZUS", files,
                    "ID;PESEL;NAZWISKO;ROK;MIESIAC;EMERYTALNE;RENTOWE;CHOROBOWE;WYPADKOWE;ZDROWOTNE;FP;RAZEM", zus);
            }
        return Task.FromResult(new SampleInfo(Program, folder, files,
            firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows));
    }

    private static string Money(decimal d) => d.ToString("F2", CultureInfo.InvariantCulture).Replace('.', ',');

    private static int Text(string dir, string table, List<string> files, string header, IReadOnlyList<string[]> lines)
    {
        var path = Path.Combine(dir, table + ".TXT");
        var text = new StringBuilder(header).Append("\r\n");
        foreach (var l in lines) text.Append(string.Join(';', l)).Append("\r\n");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(SampleEncodings.Get(1250).GetBytes(text.ToString()));
        files.Add(path);
        return lines.Count;
    }
}
