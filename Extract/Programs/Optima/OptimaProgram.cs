using System.Globalization;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Optima;

/// <summary>
/// Comarch ERP Optima on SQL Server: the configuration database <c>CDN_KNF_Konfiguracja</c> lists
/// the company databases in <c>CDN.Bazy</c> (server and database parsed from <c>Baz_Dostep</c>,
/// inactive companies left out); each company database keeps its stamp (<c>CDN.Pieczatki</c>),
/// declarations (<c>CDN.DeklNag</c>), payroll (<c>CDN.Wyplaty</c>, <c>CDN.WypElementy</c>), books
/// (<c>CDN.ZapisyKPR</c>, <c>CDN.Ryczalt</c>) and accounts (<c>CDN.Konta</c>, <c>CDN.Obroty</c>).
/// Names and queries: optima.profile.json (confirmed or model per item).
/// </summary>
public static class OptimaProgram
{
    private const ProgramId Id = ProgramId.Optima;

    /// <summary>The setting that says where full accounting's statements come from (the manual's choice).</summary>
    public const string StatementsSetting = "statements";

    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The program on another engine: PostgreSQL stands in for SQL Server in tests.</summary>
    public static ProgramDefinition On(ISourceEngine engine) => new(
        Id, "Optima", ProfileSource.Of(Id), engine,
        "configuration database (Optima's login window > Pokaż szczegóły > Baza konfiguracyjna)", new Layout.ServerCatalog("catalog"))
    {
        DetectValues = new Dictionary<string, string> { ["host"] = "localhost\\OPTIMA", ["auth"] = "windows" },
        FoldersInConfigFile = DatabaseIn,
        FirmDatabase = r => FirmDatabase(r.Text("access")),
        FirmInUse = r => r.Int("inactive") is null or 0,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.Custom("firm", Basic),
            [DataKind.Taxes] = new KindReader.Custom("firm", Taxes),
            [DataKind.Zus] = new KindReader.Custom("firm", Zus),
            [DataKind.Statements] = new KindReader.BySetting(StatementsSetting,
                "where full accounting's statements come from (zestawienie obrotów i sald, or the CIT declaration)", "trialBalance",
                new Dictionary<string, KindReader>
                {
                    ["trialBalance"] = new KindReader.Custom("firm", (c, ct) => Statements(c, "trialBalance", ct)),
                    ["cit"] = new KindReader.Custom("firm", (c, ct) => Statements(c, "cit", ct)),
                }),
        },
    };

    /// <summary>Where detect looks: files that name the configuration database (model: see docs/programs/optima.md).</summary>
    public static DetectPlaces DefaultPlaces => new([],
        [@"C:\ProgramData\Comarch ERP Optima\konektosync-optima.ini", @"C:\Program Files (x86)\Comarch ERP Optima\konektosync-optima.ini"]);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    /// <summary>
    /// The company database named by <c>Baz_Dostep</c>: the database is the text after the first ':'
    /// up to the next ','; the server the text between the first and the second ',' (the formulas of
    /// the computed columns <c>Baz_NazwaBazy</c> and <c>Baz_NazwaSerwera</c>). "server/database", or
    /// the database alone when no server is written; null when no database is written.
    /// </summary>
    public static string? FirmDatabase(string? access)
    {
        if (string.IsNullOrWhiteSpace(access)) return null;
        var colon = access.IndexOf(':');
        var afterColon = colon < 0 ? access : access[(colon + 1)..];
        var comma = afterColon.IndexOf(',');
        var database = (comma < 0 ? afterColon : afterColon[..comma]).Trim();
        if (database.Length == 0) return null;
        var parts = access.Split(',');
        var server = parts.Length >= 2 ? parts[1].Trim() : "";
        return server.Length == 0 ? database : $"{server}/{database}";
    }

    /// <summary>The stamp in force: the row without an end date (else the latest start), as basic data.</summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Basic(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        SourceRow? current = null;
        await foreach (var row in c.Rows("basic", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            if (current is null || IsLaterStamp(row.Value, current)) current = row.Value;
        }
        if (current is null) yield break;
        var r = current;
        var street = string.Join(" ", new[] { r.Text("street"), r.Text("house") }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()))
            + (string.IsNullOrWhiteSpace(r.Text("flat")) ? "" : "/" + r.Text("flat")!.Trim());
        var name = string.Join(" ", new[] { r.Text("name"), r.Text("name2") }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        var firm = new RawFirm(Id, c.Item.FirmKey, r.Text("nip"), name.Length > 0 ? name : null, street.Length > 0 ? street : null,
            r.Text("postalCode"), r.Text("city"), r.Text("email"), r.Text("phone"), r.Text("regon"), []);
        yield return new(new RawBasicData(Id, c.Item.FirmKey, c.Item.Firm, firm), null);
    }

    /// <summary>A stamp in force (no end date) wins over one that ended; else the later start.</summary>
    private static bool IsLaterStamp(SourceRow row, SourceRow than)
    {
        var (open, thanOpen) = (row.Timestamp("dateTo") is null, than.Timestamp("dateTo") is null);
        if (open != thanOpen) return open;
        return (row.Timestamp("dateFrom") ?? DateTime.MinValue) > (than.Timestamp("dateFrom") ?? DateTime.MinValue);
    }

    /// <summary>The form of a DkN_TypDeklar code (profile items code.form.N), or null for a kind not read.</summary>
    private static string? Form(KindContext c, int? type) =>
        type is { } t && c.Profile.Has($"code.form.{t.ToString(CultureInfo.InvariantCulture)}")
            ? c.Profile.Code($"form.{t.ToString(CultureInfo.InvariantCulture)}") : null;

    /// <summary>The last day of a yyyyMM month, or null when the number is not one.</summary>
    private static DateOnly? MonthEnd(int? yearMonth) =>
        yearMonth is { } ym && ym / 100 is >= 1990 and <= 2200 && ym % 100 is >= 1 and <= 12
            ? new DateOnly(ym / 100, ym % 100, 1).AddMonths(1).AddDays(-1) : null;

    /// <summary>Final declarations of the forms the profile names, dated the last day of their month.</summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Taxes(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        await foreach (var row in c.Rows("taxes", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Int("final") != 1 || Form(c, r.Int("type")) is not { } form) continue;
            yield return new(new RawDeclaration(Id, c.Item.FirmKey, c.Item.Firm, r.Text("id") ?? "", form,
                MonthEnd(r.Int("yearMonth")), r.Timestamp("modifiedAt"), r.Decimal("amount")), null);
        }
    }

    /// <summary>The payroll's contributions summed per month: one ZUS record per month, the firm the payer.</summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Zus(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        var months = new SortedDictionary<(int Year, int Month), decimal[]>();
        await foreach (var row in c.Rows("zus", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Int("year") is not { } y || r.Int("month") is not { } m) continue;
            if (!months.TryGetValue((y, m), out var sums)) months[(y, m)] = sums = new decimal[8];
            decimal V(string f) => r.Decimal(f) ?? 0m;
            sums[0] += V("emerytalnePrac") + V("emerytalneFirma");
            sums[1] += V("rentowePrac") + V("rentoweFirma");
            sums[2] += V("chorobowe");
            sums[3] += V("wypadkowe");
            sums[4] += V("zdrowotne");
            sums[5] += V("fpFs");
            sums[6] += V("fgsp");
            sums[7] += V("fep");
        }
        foreach (var ((y, m), s) in months)
            yield return new(new RawZusDeclaration(Id, c.Item.FirmKey, c.Item.Firm, $"{y:D4}-{m:D2}", c.Item.Firm.Value, null, null,
                "firm", y, m, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s.Sum()), null);
    }

    /// <summary>
    /// The books' monthly totals (KPiR, ryczałt: crossed-out entries left out) and, for full
    /// accounting, the trial balance's monthly turnover per account or the CIT declaration's revenue and costs.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Statements(KindContext c, string source,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var books = new SortedDictionary<(int Year, int Month), (decimal Revenue, decimal? Costs)>();
        await foreach (var row in c.Rows("kpir", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Int("cancelled") is not (null or 0) || Month(r.Int("yearMonth")) is not { } key) continue;
            decimal V(string f) => r.Decimal(f) ?? 0m;
            var (rev, costs) = books.GetValueOrDefault(key, (0m, 0m));
            books[key] = (rev + V("sales") + V("otherRevenue"), (costs ?? 0m) + V("goods") + V("sideCosts") + V("salaries") + V("otherCosts"));
        }
        await foreach (var row in c.Rows("lumpSum", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Int("cancelled") is not (null or 0) || Month(r.Int("yearMonth")) is not { } key) continue;
            var revenue = Enumerable.Range(1, 11).Sum(i => r.Decimal($"revenue{i}") ?? 0m);
            var (rev, costs) = books.GetValueOrDefault(key, (0m, null));
            books[key] = (rev + revenue, costs);
        }
        foreach (var ((y, m), (rev, costs)) in books)
            yield return new(new RawTaxBook(Id, c.Item.FirmKey, c.Item.Firm, y, m, rev, costs), null);
        if (source == "trialBalance")
        {
            await foreach (var row in c.Rows("trialBalance", cancel).ConfigureAwait(false))
            {
                if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
                var r = row.Value;
                if (Month(r.Int("yearMonth")) is not { } key) continue;
                yield return new(new RawTrialBalanceLine(Id, c.Item.FirmKey, c.Item.Firm, key.Year, key.Month, r.Text("account") ?? "",
                    r.Text("name"), null, null, r.Decimal("turnoverDt"), r.Decimal("turnoverCt"), null, null, null, null), null);
            }
            yield break;
        }
        var citType = c.Profile.Code("citType");
        var (revenueField, costsField) = (c.Profile.Code("citRevenue"), c.Profile.Code("citCosts"));
        var declarations = new SortedDictionary<string, (int Year, int Month, decimal? Revenue, decimal? Costs)>(StringComparer.Ordinal);
        await foreach (var row in c.Rows("cit", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Text("type") != citType || r.Int("final") != 1 || Month(r.Int("yearMonth")) is not { } key) continue;
            var id = r.Text("id") ?? "";
            var d = declarations.GetValueOrDefault(id, (key.Year, key.Month, null, null));
            var value = decimal.TryParse(r.Text("value"), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null;
            if (r.Text("field") == revenueField) d.Revenue = value;
            else if (r.Text("field") == costsField) d.Costs = value;
            declarations[id] = d;
        }
        foreach (var d in declarations.Values)
            yield return new(new RawTaxBook(Id, c.Item.FirmKey, c.Item.Firm, d.Year, d.Month, d.Revenue, d.Costs), null);
    }

    private static (int Year, int Month)? Month(int? yearMonth) =>
        MonthEnd(yearMonth) is { } end ? (end.Year, end.Month) : null;

    /// <summary>The configuration database a settings file names (model: lines "database=..." or "BazaKonfiguracyjna=...").</summary>
    private static IEnumerable<string> DatabaseIn(string file) =>
        File.ReadLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2
                && p[0].Trim() is var k && (k.Equals("database", StringComparison.OrdinalIgnoreCase)
                    || k.Equals("BazaKonfiguracyjna", StringComparison.OrdinalIgnoreCase)))
            .Select(p => p[1].Trim());
}
