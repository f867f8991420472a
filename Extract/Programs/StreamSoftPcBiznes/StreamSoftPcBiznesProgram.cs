using System.Globalization;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.StreamSoftPcBiznes;

/// <summary>
/// StreamSoft PCBiznes: the configured StreamSoft folder holds Ala (Księga Podatkowa) with a folder
/// per firm and year of Paradox tables (<c>Ala\DANE\&lt;firm&gt;\&lt;year&gt;\Ksiega.db, Rejvat.db</c>) and Aga
/// (Kadry i Płace) with a folder per firm (<c>Prac.DB</c>, <c>Wlas.DB</c>) and per year (<c>Plac.DB</c>).
/// File and table names are confirmed, columns and the firm table are our model
/// (streamsoftpcbiznes.profile.json, docs/programs/streamsoft-pcbiznes.md). A firm is a folder under
/// either program's DANE; its name and NIP come from its newest Ala year.
/// Taxes: VAT-7 from the VAT register, PIT-5L from the book; ZUS: the payroll summed per month (the
/// firm's DRA); statements: the book's months.
/// </summary>
public static class StreamSoftPcBiznesProgram
{
    private const ProgramId Id = ProgramId.StreamSoftPcBiznes;
    public const string Name = "StreamSoft PCBiznes";

    /// <summary>Model: the flat PIT rate (PIT-36L) the book's income is taxed at for the monthly advance.</summary>
    public const decimal FlatRate = 0.19m;

    public static ProgramDefinition Definition { get; } = new(
        Id, Name, ProfileSource.Of(Id), TableFilesEngine.Instance,
        @"the StreamSoft folder, holding Ala\DANE and Aga\DANE (e.g. C:\ProgramData\StreamSoft)",
        new Layout.FirmFolders(LanguageExt.Prelude.Seq(
            new FirmPart("ala", LanguageExt.Prelude.Seq("ala", "data"), true),
            new FirmPart("aga", LanguageExt.Prelude.Seq("aga", "data"), false),
            new FirmPart("agaYear", LanguageExt.Prelude.Seq("aga", "data"), true))))
    {
        NoteMissingYears = true,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Custom("ala", Taxes),
            [DataKind.Zus] = new KindReader.Custom("agaYear", Zus),
            [DataKind.Statements] = new KindReader.Custom("ala", Book),
        },
    };

    /// <summary>The default StreamSoft folders (reference §10: C:\ProgramData\StreamSoft\{Ala,Aga}\DANE).</summary>
    public static DetectPlaces DefaultPlaces => new([@"C:\ProgramData\StreamSoft", @"C:\StreamSoft", @"C:\Program Files (x86)\StreamSoft"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    private static bool InPlan(KindContext c, Period p) => p.CompareTo(c.Plan.From) >= 0 && p.CompareTo(c.Plan.To) <= 0;

    /// <summary>The book's entries of the database's year as (month, revenue, costs) sums; a fault ends the list.</summary>
    private static async Task<(SortedDictionary<Period, (decimal Revenue, decimal Costs)> Months, Problem? Fault)> Months(KindContext c,
        CancellationToken cancel)
    {
        var months = new SortedDictionary<Period, (decimal, decimal)>();
        await foreach (var row in c.Rows("book", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) return (months, row.Fault);
            var r = row.Value;
            if (r.Date("date") is not { } date || (c.Year is { } y && date.Year != y)) continue;
            var p = Period.Of(date);
            var (rev, costs) = months.GetValueOrDefault(p);
            months[p] = (rev + (r.Decimal("revenue") ?? 0m), costs + (r.Decimal("costs") ?? 0m));
        }
        return (months, null);
    }

    /// <summary>The tax book's months of the plan: revenue and costs summed from the book's entries.</summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Book(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        var (months, fault) = await Months(c, cancel).ConfigureAwait(false);
        if (fault is not null) { yield return new(null!, fault); yield break; }
        foreach (var (p, (rev, costs)) in months.Where(m => InPlan(c, m.Key)))
            yield return new(new RawTaxBook(Id, c.Item.FirmKey, c.Item.Firm, p.Year, p.Month, rev, costs), null);
    }

    /// <summary>
    /// VAT-7 per month of the VAT register (output VAT of sales less input VAT of purchases), and the
    /// PIT-5L advance per month of the book (our model, see <see cref="Advances"/>), each dated the month's last day.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Taxes(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        var (sales, purchase) = (c.Profile.Code("sales"), c.Profile.Code("purchase"));
        var vat = new SortedDictionary<Period, decimal>();
        await foreach (var row in c.Rows("vat", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Date("date") is not { } date) continue;
            var kind = r.Text("kind")?.Trim() ?? "";
            var sign = kind.Equals(sales, StringComparison.OrdinalIgnoreCase) ? 1m
                : kind.Equals(purchase, StringComparison.OrdinalIgnoreCase) ? -1m : 0m;
            var p = Period.Of(date);
            vat[p] = vat.GetValueOrDefault(p) + sign * (r.Decimal("vat") ?? 0m);
        }
        foreach (var (p, amount) in vat)
            yield return new(Declaration(c, "VAT-7", p, amount), null);
        var (months, fault) = await Months(c, cancel).ConfigureAwait(false);
        if (fault is not null) { yield return new(null!, fault); yield break; }
        foreach (var (p, advance) in Advances(months).Where(a => InPlan(c, a.Month)))
            yield return new(Declaration(c, "PIT-5L", p, advance), null);
    }

    private static RawDeclaration Declaration(KindContext c, string form, Period p, decimal amount) =>
        new(Id, c.Item.FirmKey, c.Item.Firm, $"{form}-{p.Year:D4}-{p.Month:D2}", form, p.LastDay, null, amount);

    /// <summary>
    /// Model: the monthly PIT-5L advance of a year's book: the flat rate on the income (revenue less
    /// costs) from January to the month, in whole złoty, less the advances of the earlier months, never
    /// below zero. Deductions (ZUS, losses) are not in the book and not taken into account.
    /// </summary>
    public static IEnumerable<(Period Month, decimal Advance)> Advances(IReadOnlyDictionary<Period, (decimal Revenue, decimal Costs)> months)
    {
        var (income, paid) = (0m, 0m);
        foreach (var (p, (rev, costs)) in months.OrderBy(m => m.Key))
        {
            income += rev - costs;
            var due = Math.Max(0m, Math.Round(Math.Max(0m, income) * FlatRate, 0, MidpointRounding.AwayFromZero) - paid);
            paid += due;
            yield return (p, due);
        }
    }

    /// <summary>The payroll's contributions summed per month: one ZUS declaration per month, the firm the payer (its DRA).</summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Zus(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        string[] fields = ["emerytalne", "rentowe", "chorobowe", "wypadkowe", "zdrowotne", "fpFs", "fgsp"];
        var months = new SortedDictionary<Period, decimal[]>();
        await foreach (var row in c.Rows("zus", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Int("year") is not { } y || r.Int("month") is not { } m || Period.Create(y, m).Match(x => (Period?)x, _ => null) is not { } p) continue;
            if (!months.TryGetValue(p, out var sums)) months[p] = sums = new decimal[fields.Length];
            for (var i = 0; i < fields.Length; i++) sums[i] += r.Decimal(fields[i]) ?? 0m;
        }
        foreach (var (p, s) in months)
            yield return new(new RawZusDeclaration(Id, c.Item.FirmKey, c.Item.Firm, $"PLAC-{p.Year:D4}-{p.Month:D2}", c.Item.Firm.Value, null,
                null, "firm", p.Year, p.Month, s[0], s[1], s[2], s[3], s[4], s[5], s[6], null, s.Sum()), null);
    }

    /// <summary>The year folders' name: the year as four digits.</summary>
    public static string YearFolder(int year) => year.ToString("D4", CultureInfo.InvariantCulture);
}
