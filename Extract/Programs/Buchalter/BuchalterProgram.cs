using System.Globalization;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.Buchalter;

/// <summary>
/// Buchalter (Grafsoft): the installation folder (C:\BUCH) holds a folder per firm with dBase
/// tables whose names end with the year's two digits (<c>B5WSPL24.DBF</c>, the partners). Partners'
/// ZUS comes from the ZUS register table; employees' ZUS from the text file Buchalter exports when
/// the ZUS report of a month is generated. Names come from buchalter.profile.json (model except
/// the confirmed partners table); see docs/programs/buchalter.md.
/// </summary>
public static class BuchalterProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Buchalter, "Buchalter", ProfileSource.Of(ProgramId.Buchalter), TableFilesEngine.Instance,
        "the Buchalter installation folder holding a folder per firm (default C:\\BUCH)",
        new Layout.YearSuffixTables("year"))
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.Buchalter)),
            [DataKind.Zus] = new KindReader.Custom("firm", Zus),
            [DataKind.Statements] = new KindReader.Unsupported("Buchalter's trial balance is not read (no known table)"),
        },
    };

    /// <summary>The manual's default installation folder, and the same on a Linux share.</summary>
    public static DetectPlaces DefaultPlaces => new([@"C:\BUCH", @"D:\BUCH", "/srv/BUCH"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    /// <summary>The employees' ZUS export of a month in a firm's folder (file item "zusExport").</summary>
    public static string ExportName(Profiles.ProgramProfile profile, int year, int month) =>
        string.Format(CultureInfo.InvariantCulture, profile.File("zusExport"), year, month);

    /// <summary>
    /// The ZUS of one firm and year: the partners' rows of the ZUS register (when the firm keeps it),
    /// then per month the employees' export. A firm that has exported employees' ZUS at all but lacks
    /// the export of a planned month that has begun ends its group with one problem naming the months.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Zus(KindContext ctx,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var item = ctx.Item;
        if (ctx.Live.ContainsKey(ctx.Profile.Table("zus")))
            await foreach (var row in ctx.Rows("zusPartners", cancel).ConfigureAwait(false))
            {
                if (row.Fault is not null) { yield return new Streamed<SourceRecord>(null!, row.Fault); yield break; }
                yield return new Streamed<SourceRecord>(Partner(item, row.Value), null);
            }
        if (ctx.Year is not { } year) yield break;
        var folder = Path.GetDirectoryName(ctx.Database.Where) ?? ctx.Database.Where;
        var months = Enumerable.Range(1, 12).Select(m => Period.Of(new DateOnly(year, m, 1)))
            .Where(p => p.CompareTo(ctx.Plan.From) >= 0 && p.CompareTo(ctx.Plan.To) <= 0).ToList();
        var exported = months.Where(p => File.Exists(Path.Combine(folder, ExportName(ctx.Profile, p.Year, p.Month)))).ToList();
        foreach (var p in exported)
        {
            var path = Path.Combine(folder, ExportName(ctx.Profile, p.Year, p.Month));
            var rows = ExportFile.Read(ctx.Program.Name, path, ctx.Profile, "zusExport", SampleEncodings.Get(1250), ';', ["fgsp"]);
            if (rows.IsLeft) { yield return new Streamed<SourceRecord>(null!, rows.ProblemOf()); yield break; }
            yield return new Streamed<SourceRecord>(Employees(item, p, rows.ValueOf()), null);
        }
        var today = Period.Of(DateOnly.FromDateTime(DateTime.Today));
        var missing = months.Except(exported).Where(p => p.CompareTo(today) <= 0).ToList();
        if (missing.Count > 0 && HasExports(ctx.Profile, folder))
            yield return new Streamed<SourceRecord>(null!, ExportMissing(item.FirmKey, missing, folder));
    }

    /// <summary>True when the firm's folder holds any employees' export (the firm has employees).</summary>
    private static bool HasExports(Profiles.ProgramProfile profile, string folder)
    {
        var name = profile.File("zusExport");
        var prefix = name[..Math.Max(0, name.IndexOf('{'))];
        var ext = Path.GetExtension(name);
        return Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Any(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && f.EndsWith(ext, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Employees' ZUS of a month missing because the export was not made. Args: program, firm key,
    /// the months (yyyy-MM, comma-separated), the firm's folder.
    /// </summary>
    public static Problem ExportMissing(string firmKey, IReadOnlyList<Period> months, string folder)
    {
        var list = string.Join(", ", months.Select(p => $"{p.Year:D4}-{p.Month:D2}"));
        return Problem.Of("buchalter.zus-export-missing",
            $"Buchalter: firm {firmKey}: employees' ZUS export for {list} missing in {folder}: generate the ZUS report for {list} in Buchalter and confirm the export",
            "Buchalter", firmKey, list, folder);
    }

    private static RawZusDeclaration Partner(ReadItem item, SourceRow r)
    {
        var name = string.Join(" ", new[] { r.Text("surname"), r.Text("firstName") }.Where(t => !string.IsNullOrEmpty(t)));
        return new RawZusDeclaration(ProgramId.Buchalter, item.FirmKey, item.Firm, "W" + r.Text("id"), r.Text("payerNip"),
            r.Text("payerPesel"), name, nameof(PayerType.SelfOnly), r.Int("year") ?? 0, r.Int("month") ?? 0,
            r.Decimal("emerytalne"), r.Decimal("rentowe"), r.Decimal("chorobowe"), r.Decimal("wypadkowe"), r.Decimal("zdrowotne"),
            r.Decimal("fpFs"), r.Decimal("fgsp"), null, r.Decimal("total"));
    }

    /// <summary>The employees' contributions of a month: the export's lines summed (the firm's declaration for its staff).</summary>
    private static RawZusDeclaration Employees(ReadItem item, Period p, List<SourceRow> rows)
    {
        decimal? Sum(string f) => rows.Any(r => r.Decimal(f) is not null) ? rows.Sum(r => r.Decimal(f) ?? 0m) : null;
        return new RawZusDeclaration(ProgramId.Buchalter, item.FirmKey, item.Firm, $"EKSPORT-{p.Year:D4}-{p.Month:D2}",
            null, null, "pracownicy", null, p.Year, p.Month, Sum("emerytalne"), Sum("rentowe"), Sum("chorobowe"),
            Sum("wypadkowe"), Sum("zdrowotne"), Sum("fpFs"), Sum("fgsp"), null, Sum("total"));
    }
}
