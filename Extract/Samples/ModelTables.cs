using KonektoSync.Domain;
using KonektoSync.Extract.Profiles;

namespace KonektoSync.Extract.Samples;

/// <summary>
/// Writes the model DBF tables of a table-file program under the names its profile gives, so a
/// sample and the profile agree by construction: the firm table ("firm": name, nip, street,
/// postalCode, city), the declarations ("declarations": id, form, year, month, amount, date) and
/// the owners' ZUS ("zus": id, payerPesel, payerName, year, month, the contributions, total).
/// A table or column the profile does not name is not written.
/// </summary>
public static class ModelTables
{
    /// <summary>A firm of a sample with its deterministic values.</summary>
    public sealed record Firm(string Key, string Nip, string Name, SampleData Data);

    private static readonly Dictionary<string, (char Type, int Length, int Decimals)> Types = new()
    {
        ["name"] = ('C', 60, 0), ["nip"] = ('C', 13, 0), ["street"] = ('C', 40, 0), ["postalCode"] = ('C', 6, 0),
        ["city"] = ('C', 30, 0), ["id"] = ('N', 6, 0), ["form"] = ('C', 10, 0), ["year"] = ('N', 4, 0), ["month"] = ('N', 2, 0),
        ["amount"] = ('N', 12, 2), ["date"] = ('D', 8, 0), ["payerPesel"] = ('C', 11, 0), ["payerName"] = ('C', 50, 0),
        ["emerytalne"] = ('N', 10, 2), ["rentowe"] = ('N', 10, 2), ["chorobowe"] = ('N', 10, 2), ["wypadkowe"] = ('N', 10, 2),
        ["zdrowotne"] = ('N', 10, 2), ["fpFs"] = ('N', 10, 2), ["total"] = ('N', 12, 2),
    };

    private sealed class Table(ProgramProfile profile, string table, Func<DbfSampleFile> create)
    {
        public readonly bool Named = profile.Has("table." + table);
        private readonly List<string> _fields = Types.Keys.Where(f => profile.Has($"column.{table}.{f}")).ToList();
        private readonly DbfSampleFile _file = Build(profile, table, create);

        private static DbfSampleFile Build(ProgramProfile profile, string table, Func<DbfSampleFile> create)
        {
            var file = create();
            foreach (var (field, t) in Types.Where(t => profile.Has($"column.{table}.{t.Key}")))
                file.Field(profile.Column(table, field), t.Type, t.Length, t.Decimals);
            return file;
        }

        public void Row(IReadOnlyDictionary<string, object?> values) =>
            _file.Record(_fields.Select(f => values.GetValueOrDefault(f)).ToArray());

        public int Write(string path) { _file.WriteTo(path); return _file.Count; }
    }

    /// <summary>
    /// Writes one folder's tables for a firm and the years given (VAT-7 and PIT-5 per month, the
    /// owner's ZUS per month), as &lt;table&gt;.DBF; with <paramref name="noPitInMarch"/> the first
    /// year's March has no PIT-5. Returns the rows written.
    /// </summary>
    public static long Write(ProgramProfile profile, string dir, Firm firm, IEnumerable<int> years, Func<DbfSampleFile> create,
        bool noPitInMarch, List<string> files)
    {
        Directory.CreateDirectory(dir);
        var f = new Table(profile, "firm", create);
        var d = new Table(profile, "declarations", create);
        var z = new Table(profile, "zus", create);
        var place = SampleData.ForFirm(firm.Data.Next(0, 1000), 1);
        f.Row(new Dictionary<string, object?>
        {
            ["name"] = firm.Name, ["nip"] = firm.Nip, ["street"] = place.Street(), ["postalCode"] = place.PostalCode(), ["city"] = place.City(),
        });
        var owner = SampleData.ForFirm(firm.Data.Next(0, 1000), 2);
        var (pesel, ownerName) = (owner.Pesel(), $"{owner.Surname()} Jędrzej");
        var (n, first) = (0, true);
        foreach (var year in years)
        {
            for (var m = 1; m <= 12; m++)
            {
                var filed = new DateOnly(year, m, 1).AddMonths(1).AddDays(19);
                d.Row(Declaration(++n, "VAT-7", year, m, firm.Data.Amount(100, 20000), filed));
                if (!(noPitInMarch && first && m == 3)) d.Row(Declaration(++n, "PIT-5", year, m, firm.Data.Amount(50, 5000), filed));
                var c = Contributions.For(year, firm.Data.Amount(300, 1500));
                z.Row(new Dictionary<string, object?>
                {
                    ["id"] = year * 100 + m, ["payerPesel"] = pesel, ["payerName"] = ownerName, ["year"] = year, ["month"] = m,
                    ["emerytalne"] = c.Emerytalne, ["rentowe"] = c.Rentowe, ["chorobowe"] = c.Chorobowe, ["wypadkowe"] = c.Wypadkowe,
                    ["zdrowotne"] = c.Zdrowotne, ["fpFs"] = c.FpFs, ["total"] = c.Total,
                });
            }
            first = false;
        }
        long rows = 0;
        foreach (var (table, name) in new[] { (f, "firm"), (d, "declarations"), (z, "zus") }.Where(t => t.Item1.Named))
        {
            var path = Path.Combine(dir, profile.Table(name) + ".DBF");
            rows += table.Write(path);
            files.Add(path);
        }
        return rows;
    }

    private static Dictionary<string, object?> Declaration(int id, string form, int year, int month, decimal amount, DateOnly date) =>
        new() { ["id"] = id, ["form"] = form, ["year"] = year, ["month"] = month, ["amount"] = amount, ["date"] = date };

    /// <summary>
    /// The firms of a spec: the explicit ones, the generated ones, and with <see cref="SampleCases.InvalidNip"/>
    /// one more whose NIP has a wrong check digit (its case is added to <paramref name="cases"/>).
    /// </summary>
    public static List<Firm> Firms(SampleSpec spec, int salt, Func<int, string> key, List<SampleCaseInfo> cases)
    {
        var firms = new List<Firm>();
        var explicitFirms = spec.ExplicitFirms ?? [];
        for (var i = 0; i < explicitFirms.Count + spec.Firms; i++)
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + salt), i);
            var generated = i >= explicitFirms.Count;
            firms.Add(new Firm(key(i), generated ? data.Nip() : explicitFirms[i].Nip,
                generated ? data.FirmName(i - explicitFirms.Count) : explicitFirms[i].Name, data));
        }
        if (spec.Cases.HasFlag(SampleCases.InvalidNip))
        {
            var data = SampleData.ForFirm(unchecked(spec.Seed + salt), firms.Count);
            var bad = SampleData.InvalidNip(data.Nip());
            firms.Add(new Firm(key(firms.Count), bad, "Firma Błędny NIP", data));
            cases.Add(new(SampleCases.InvalidNip, firms[^1].Key, spec.Year, 1, $"NIP {bad} has a wrong check digit"));
        }
        return firms;
    }
}
