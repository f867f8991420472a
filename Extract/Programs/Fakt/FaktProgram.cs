using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Fakt;

/// <summary>
/// Fakt: our model (fakt.profile.json; every item "model"). One Firebird database FAKT.FDB in
/// Fakt's folder with the firms (FIRMY) and the print archive: ARCHIWUM_WYDRUKOW (the reports
/// generated with Raport podatków / Raport ZUS / Razem) and ARCHIWUM_POZYCJE (their taxes and
/// contributions). Reports whose period overlaps the range are read newest first.
/// </summary>
public static class FaktProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Fakt, "Fakt", ProfileSource.Of(ProgramId.Fakt), FirebirdEngine.Instance,
        "Fakt's folder (holding FAKT.FDB)", new Layout.Single("database"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["serverType"] = "embedded", ["user"] = FirebirdTarget.DefaultUser,
        },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Custom("main", (ctx, cancel) => Reports(ctx, "taxes", zus: false, cancel)) { AllFirmsQuery = "taxes" },
            [DataKind.Zus] = new KindReader.Custom("main", (ctx, cancel) => Reports(ctx, "zus", zus: true, cancel)) { AllFirmsQuery = "zus" },
            [DataKind.Statements] = new KindReader.Unsupported("Fakt's print archive holds taxes and ZUS only"),
        },
    };

    /// <summary>Where Fakt's folder may be (model: not documented publicly).</summary>
    public static DetectPlaces DefaultPlaces =>
        new([@"C:\Fakt", @"C:\Program Files\Fakt", @"C:\Program Files (x86)\Fakt", "/opt/fakt"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    /// <summary>
    /// The reports of one firm, newest first, each with its items of one kind (ZUS items, or every
    /// other item = taxes): the rows of the query, one per item, grouped by report.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Reports(KindContext ctx, string query, bool zus,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var item = ctx.Item;
        var n = 0;
        (string Id, string Kind, DateTime PrintedAt)? current = null;
        var items = new List<RawReportItem>();
        Streamed<SourceRecord> Report() => new(new RawReport(ProgramId.Fakt, item.FirmKey, item.Firm, current!.Value.Id,
            KindOf(ctx, current.Value.Kind), current.Value.PrintedAt, items.ToList()), null);
        await foreach (var row in ctx.Rows(query, cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            var id = r.Text("reportId") ?? "";
            if (current is not null && current.Value.Id != id)
            {
                yield return Report();
                items.Clear();
            }
            current = (id, r.Text("reportKind") ?? "", r.Timestamp("printedAt") ?? DateTime.MinValue);
            if (r.Text("code") is { } code) items.Add(Item(item, id, code, r, zus ? ++n : 0));
        }
        if (current is not null) yield return Report();
    }

    private static RawReportItem Item(ReadItem item, string reportId, string code, SourceRow r, int zusNumber)
    {
        var (year, month, amount) = (r.Int("year") ?? 0, r.Int("month") ?? 0, r.Decimal("amount"));
        var zus = zusNumber > 0
            ? new RawZusDeclaration(ProgramId.Fakt, item.FirmKey, item.Firm, $"{reportId}/{zusNumber}", r.Text("payerNip"),
                r.Text("payerPesel"), r.Text("payerName"), null, year, month, r.Decimal("emerytalne"), r.Decimal("rentowe"),
                r.Decimal("chorobowe"), r.Decimal("wypadkowe"), r.Decimal("zdrowotne"), r.Decimal("fpFs"), r.Decimal("fgsp"),
                r.Decimal("fep"), amount)
            : null;
        return new RawReportItem(code, year, month, amount, zus);
    }

    private static string KindOf(KindContext ctx, string code) =>
        code == ctx.Profile.Code("taxesReport") ? "taxes" : code == ctx.Profile.Code("zusReport") ? "zus"
        : code == ctx.Profile.Code("bothReport") ? "both" : code;
}
