using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Extract.Programs.Reset2;

namespace KonektoSync.Extract.Programs.Reset2Platnik;

/// <summary>
/// Reset2 Płatnik (R2Płatnik) on SQL Server, configured like Reset2 Firma and Księga. Its firms are
/// ZUS payers (rule 7 matches them to the firms of the other programs by NIP). The ZUS of a firm
/// and month is the sum of the contributions of every person on the firm's payroll lists of that
/// month (NPOZLIST rows of LISTA, persons of PRACOWNK: documented names), one declaration per month,
/// read like Płatnik's DRA: the months read and the last earlier one, the source of copy-forward
/// (rule 6). The firm table and LISTA's firm column are our model.
/// </summary>
public static class Reset2PlatnikProgram
{
    public const string Name = "Reset2 Płatnik";

    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => Reset2Program.Server(ProgramId.Reset2Platnik, Name, engine) with
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Zus] = new KindReader.Custom("main", Contributions) { AllFirmsQuery = "zus" },
            [DataKind.Taxes] = new KindReader.Unsupported("Reset2 Płatnik holds payroll and ZUS only"),
            [DataKind.Statements] = new KindReader.Unsupported("Reset2 Płatnik holds payroll and ZUS only"),
        },
    };

    /// <summary>Reset2 keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);

    /// <summary>The contributions of a payroll line, in the order of a declaration's parts, each from its columns (employer's + employee's).</summary>
    private static readonly string[][] Parts =
    [
        ["pensionEmployer", "pensionEmployee"], ["disabilityEmployer", "disabilityEmployee"], ["sickness"], ["accident"],
        ["health"], ["fpFs"], ["fgsp"], ["fep"],
    ];

    private sealed class MonthTotal(string? nip, string? name)
    {
        public readonly string? Nip = nip, Name = name;
        public readonly decimal?[] Sums = new decimal?[Parts.Length];
    }

    /// <summary>
    /// A firm's payroll lines summed per month of the lists (Kartoteka_z_roku, Kartoteka_z_miesiaca),
    /// as one ZUS declaration per month. A list whose month is not a month is one declaration with no
    /// month, naming the list (the sync rejects it with a warning); the other months go on.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Contributions(KindContext ctx,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var months = new SortedDictionary<(int Year, int Month), MonthTotal>();
        var bad = new SortedSet<string>(StringComparer.Ordinal);
        string? nip = null, name = null;
        await foreach (var row in ctx.Rows("zus", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            (nip, name) = (r.Text("payerNip"), r.Text("payerName"));
            var (year, month) = (r.Int("year") ?? 0, r.Int("month") ?? 0);
            if (month is < 1 or > 12 || year < 1990) { bad.Add(r.Text("list") ?? ""); continue; }
            var total = months.TryGetValue((year, month), out var t) ? t : months[(year, month)] = new MonthTotal(nip, name);
            for (var i = 0; i < Parts.Length; i++)
                foreach (var column in Parts[i])
                    if (r.Decimal(column) is { } v) total.Sums[i] = (total.Sums[i] ?? 0m) + v;
        }
        foreach (var (year, month) in PlatnikProgram.MonthsRead(months.Keys, ctx.Plan.From, ctx.Plan.To))
            yield return new(Declaration(ctx, $"{year:D4}-{month:D2}", months[(year, month)], year, month), null);
        foreach (var list in bad)
            yield return new(Declaration(ctx, $"list {list} (its month is not a month)", new MonthTotal(nip, name), 0, 0), null);
    }

    private static RawZusDeclaration Declaration(KindContext ctx, string id, MonthTotal t, int year, int month)
    {
        var s = t.Sums;
        var total = s.Any(v => v is not null) ? s.Sum(v => v ?? 0m) : (decimal?)null;
        return new RawZusDeclaration(ProgramId.Reset2Platnik, ctx.Item.FirmKey, ctx.Item.Firm, id, t.Nip, null, t.Name, null,
            year, month, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], total);
    }
}
