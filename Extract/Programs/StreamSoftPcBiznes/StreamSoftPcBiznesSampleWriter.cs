using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Paradox;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.StreamSoftPcBiznes;

/// <summary>
/// Writes a StreamSoft PCBiznes sample in our model, as Paradox 7 tables in CP1250: under the folder,
/// Ala\DANE\&lt;firm&gt;\&lt;year&gt;\ (Firma, Ksiega: book entries, Rejvat: sales and purchases) and
/// Aga\DANE\&lt;firm&gt;\ (Prac, Wlas) with Aga\DANE\&lt;firm&gt;\&lt;year&gt;\Plac (two employees' payroll per month).
/// Names come from the profile, so a sample and the profile agree. Firm folders are 0001, 0002, …
/// </summary>
public sealed class StreamSoftPcBiznesSampleWriter : ISampleWriter
{
    public ProgramId Program => ProgramId.StreamSoftPcBiznes;

    public static string Key(int index) => (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    public Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var profile = ProfileSource.Of(Program).Load(Program, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var cases = new List<SampleCaseInfo>();
        var firms = ModelTables.Firms(spec, 83, Key, cases);
        var files = new List<string>();
        long rows = 0;
        foreach (var firm in firms)
        {
            cancel.ThrowIfCancellationRequested();
            var aga = Folder(profile, "aga", folder, firm.Key, null);
            rows += Write(profile, aga, "employees", files, People(profile, "employees", firm, 2));
            rows += Write(profile, aga, "owners", files, People(profile, "owners", firm, 1));
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
            {
                var ala = Folder(profile, "ala", folder, firm.Key, y);
                rows += Write(profile, ala, "firm", files, [Row(("name", firm.Name), ("nip", firm.Nip), ("street", firm.Data.Street()),
                    ("postalCode", firm.Data.PostalCode()), ("city", firm.Data.City()))]);
                rows += Write(profile, ala, "book", files, Book(profile, firm, y));
                rows += Write(profile, ala, "vat", files, Vat(profile, firm, y));
                rows += Write(profile, Folder(profile, "agaYear", folder, firm.Key, y), "payroll", files, Payroll(profile, firm, y));
            }
        }
        return Task.FromResult(new SampleInfo(Program, folder, files,
            firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows));
    }

    /// <summary>A part's folder of one firm (and year) under the StreamSoft folder, as the program's layout and profile name it.</summary>
    public static string Folder(ProgramProfile profile, string role, string root, string firmKey, int? year)
    {
        var part = ((Layout.FirmFolders)StreamSoftPcBiznesProgram.Definition.Layout).Parts.First(p => p.Role == role);
        var firm = Path.Combine(Layouts.PartFolder(part, profile, root, Path.Combine), firmKey);
        return year is { } y ? Path.Combine(firm, StreamSoftPcBiznesProgram.YearFolder(y)) : firm;
    }

    private static readonly Dictionary<string, (ParadoxFieldKind Kind, int Size)> Types = new()
    {
        ["name"] = (ParadoxFieldKind.Alpha, 60), ["nip"] = (ParadoxFieldKind.Alpha, 13), ["street"] = (ParadoxFieldKind.Alpha, 40),
        ["postalCode"] = (ParadoxFieldKind.Alpha, 6), ["city"] = (ParadoxFieldKind.Alpha, 30), ["id"] = (ParadoxFieldKind.Long, 0),
        ["date"] = (ParadoxFieldKind.Date, 0), ["revenue"] = (ParadoxFieldKind.Currency, 0), ["costs"] = (ParadoxFieldKind.Currency, 0),
        ["kind"] = (ParadoxFieldKind.Alpha, 1), ["net"] = (ParadoxFieldKind.Currency, 0), ["vat"] = (ParadoxFieldKind.Currency, 0),
        ["surname"] = (ParadoxFieldKind.Alpha, 40), ["firstName"] = (ParadoxFieldKind.Alpha, 30), ["pesel"] = (ParadoxFieldKind.Alpha, 11),
        ["person"] = (ParadoxFieldKind.Long, 0), ["year"] = (ParadoxFieldKind.Short, 0), ["month"] = (ParadoxFieldKind.Short, 0),
        ["emerytalne"] = (ParadoxFieldKind.Currency, 0), ["rentowe"] = (ParadoxFieldKind.Currency, 0),
        ["chorobowe"] = (ParadoxFieldKind.Currency, 0), ["wypadkowe"] = (ParadoxFieldKind.Currency, 0),
        ["zdrowotne"] = (ParadoxFieldKind.Currency, 0), ["fpFs"] = (ParadoxFieldKind.Currency, 0), ["fgsp"] = (ParadoxFieldKind.Currency, 0),
    };

    private static Dictionary<string, object?> Row(params (string Field, object? Value)[] values) =>
        values.ToDictionary(v => v.Field, v => v.Value);

    /// <summary>Writes a table's rows under its profile name (file &lt;name&gt;.db); the columns are the profile's.</summary>
    private static long Write(ProgramProfile profile, string dir, string table, List<string> files, List<Dictionary<string, object?>> rows)
    {
        Directory.CreateDirectory(dir);
        var columns = Types.Keys.Where(f => profile.Has($"column.{table}.{f}")).ToList();
        var writer = new ParadoxWriter(1250);
        foreach (var c in columns) writer.Field(profile.Column(table, c), Types[c].Kind, Types[c].Size);
        foreach (var row in rows) writer.Record(columns.Select(c => row.GetValueOrDefault(c)).ToArray());
        var path = writer.WriteTo(Path.Combine(dir, profile.Table(table) + ".db"));
        files.Add(path);
        return writer.Count;
    }

    private static List<Dictionary<string, object?>> People(ProgramProfile profile, string table, ModelTables.Firm firm, int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var person = SampleData.ForFirm(firm.Data.Next(0, 1000), i + (table == "owners" ? 10 : 0));
            return Row(("id", i), ("surname", person.Surname()), ("firstName", i % 2 == 0 ? "Żaneta" : "Łukasz"),
                ("pesel", person.Pesel()), ("nip", table == "owners" ? firm.Nip : null));
        }).ToList();

    /// <summary>Book entries: three per month, revenue and costs.</summary>
    private static List<Dictionary<string, object?>> Book(ProgramProfile profile, ModelTables.Firm firm, int year)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (var m = 1; m <= 12; m++)
        {
            rows.Add(Row(("id", rows.Count + 1), ("date", new DateOnly(year, m, 5)), ("revenue", firm.Data.Amount(2000, 30000)), ("costs", null)));
            rows.Add(Row(("id", rows.Count + 1), ("date", new DateOnly(year, m, 12)), ("revenue", null), ("costs", firm.Data.Amount(500, 9000))));
            rows.Add(Row(("id", rows.Count + 1), ("date", new DateOnly(year, m, 25)), ("revenue", firm.Data.Amount(100, 5000)), ("costs", firm.Data.Amount(100, 2000))));
        }
        return rows;
    }

    /// <summary>The VAT register: two sales and one purchase per month at 23 %.</summary>
    private static List<Dictionary<string, object?>> Vat(ProgramProfile profile, ModelTables.Firm firm, int year)
    {
        var (sales, purchase) = (profile.Code("sales"), profile.Code("purchase"));
        var rows = new List<Dictionary<string, object?>>();
        for (var m = 1; m <= 12; m++)
            foreach (var (day, kind) in new[] { (3, sales), (17, sales), (21, purchase) })
            {
                var net = firm.Data.Amount(500, 20000);
                rows.Add(Row(("id", rows.Count + 1), ("date", new DateOnly(year, m, day)), ("kind", kind),
                    ("net", net), ("vat", Math.Round(net * 0.23m, 2))));
            }
        return rows;
    }

    /// <summary>The payroll: the contributions of two employees per month.</summary>
    private static List<Dictionary<string, object?>> Payroll(ProgramProfile profile, ModelTables.Firm firm, int year)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (var m = 1; m <= 12; m++)
            for (var person = 1; person <= 2; person++)
            {
                var c = Contributions.For(year, firm.Data.Amount(300, 900));
                rows.Add(Row(("id", rows.Count + 1), ("person", person), ("year", year), ("month", m),
                    ("emerytalne", c.Emerytalne), ("rentowe", c.Rentowe), ("chorobowe", c.Chorobowe), ("wypadkowe", c.Wypadkowe),
                    ("zdrowotne", c.Zdrowotne), ("fpFs", c.FpFs), ("fgsp", Math.Round(c.Emerytalne / 195.2m, 2))));
            }
        return rows;
    }
}
