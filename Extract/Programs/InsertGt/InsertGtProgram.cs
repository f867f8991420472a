using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.InsertGt;

/// <summary>
/// InsERT GT (Subiekt, Rachmistrz, Rewizor, Gratyfikant) on SQL Server (instance INSERTGT): one database
/// per firm, its name chosen by the user, found by its tables <c>dbo.pd__Podmiot</c> and <c>dbo.adr__Ewid</c>;
/// the own company (pd_Id 1 with its address adr_Id 1) names the firm. Declarations come from
/// <c>dbo.dekl__Ewid</c> with their form from <c>dbo.dekl_Wersja</c> (drafts left out); ZUS from the owners'
/// monthly contributions <c>dbo.pd_WspolnikSkladka</c> with the owner <c>dbo.pd_Wspolnik</c>.
/// Statements: the month totals of the Rachmistrz book <c>dbo.kpr__Ksiega</c> (cancelled entries left out)
/// and the month turnovers per account of the Rewizor postings <c>dbo.dkr_Pozycja</c>, named by the chart
/// of accounts <c>dbo.pk_PlanKont</c>. Names come from insertgt.profile.json.
/// </summary>
public static class InsertGtProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => new(
        ProgramId.InsertGt, "Insert GT", ProfileSource.Of(ProgramId.InsertGt), engine,
        "database to list the server's databases from (master)",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq("firms", "addresses"), "gtDatabase"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["instance"] = "INSERTGT", ["auth"] = "windows", ["database"] = "master",
        },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.InsertGt)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.InsertGt)),
            [DataKind.Statements] = new KindReader.Custom("firm", Statements),
        },
    };

    /// <summary>GT keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);

    /// <summary>
    /// The book's revenue and costs summed per month (a firm on the tax book), then each account's
    /// debit and credit turnover per month (a firm with full books); a firm keeps one or the other, so one list is empty.
    /// </summary>
    private static readonly Comparer<(int Year, int Month, string Account)> ByMonthAndAccount = Comparer<(int Year, int Month, string Account)>.Create(
        (a, b) => (a.Year, a.Month).CompareTo((b.Year, b.Month)) is var c and not 0 ? c : string.CompareOrdinal(a.Account, b.Account));

    private static async IAsyncEnumerable<Streamed<SourceRecord>> Statements(KindContext c, [EnumeratorCancellation] CancellationToken cancel)
    {
        var books = new SortedDictionary<(int Year, int Month), (decimal Revenue, decimal Costs)>();
        await foreach (var row in c.Rows("kpir", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Int("cancelled") is not (null or 0) || r.Date("date") is not { } date) continue;
            var (revenue, costs) = books.GetValueOrDefault((date.Year, date.Month));
            books[(date.Year, date.Month)] = (revenue + (r.Decimal("revenue") ?? 0m), costs + (r.Decimal("costs") ?? 0m));
        }
        foreach (var ((y, m), (revenue, costs)) in books)
            yield return new(new RawTaxBook(ProgramId.InsertGt, c.Item.FirmKey, c.Item.Firm, y, m, revenue, costs), null);
        var turnovers = new SortedDictionary<(int Year, int Month, string Account), (string? Name, decimal Dt, decimal Ct)>(ByMonthAndAccount);
        await foreach (var row in c.Rows("postings", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (r.Date("date") is not { } date || r.Text("account") is not { Length: > 0 } account) continue;
            var key = (date.Year, date.Month, account);
            var (name, dt, ct) = turnovers.GetValueOrDefault(key);
            turnovers[key] = (name ?? r.Text("name"), dt + (r.Decimal("dt") ?? 0m), ct + (r.Decimal("ct") ?? 0m));
        }
        foreach (var ((y, m, account), (name, dt, ct)) in turnovers)
            yield return new(new RawTrialBalanceLine(ProgramId.InsertGt, c.Item.FirmKey, c.Item.Firm, y, m, account, name,
                null, null, dt, ct, null, null, null, null), null);
    }
}
