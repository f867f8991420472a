using System.Globalization;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Platnik;

/// <summary>
/// Płatnik (ZUS): one database, an MS Access file (<c>Platnik.mdb</c>, read through ODBC) or a SQL
/// Server database, chosen by the setting "storage" as in Płatnik's Administracja &gt; Ustawienia
/// bazy danych. Payers (PLATNIK) are the program's firms; their DRA declarations (ZUSDRA, period
/// MMRRRR) are the ZUS data, the latest version of each month winning, split into contributions
/// by the RCA reports' insured persons (ZUSRCA, UBEZP_ZUSRCA) when there are some.
/// </summary>
public static class PlatnikProgram
{
    public static ProgramDefinition Definition { get; } = Define(Engines.Sql.SqlDialect.SqlServer);

    /// <summary>The definition with another server engine for the SQL Server storage (PostgreSQL in tests).</summary>
    public static ProgramDefinition Define(SqlDialect server) => new(
        ProgramId.Platnik, "Płatnik", ProfileSource.Of(ProgramId.Platnik),
        new StorageChoiceEngine(AccessEngine.Instance, "access", new ServerEngine(server), "sqlserver"),
        "Płatnik's .mdb database file (or its folder)", new Layout.Single("database"))
    {
        DetectValues = new Dictionary<string, string> { [StorageChoiceEngine.Setting] = "access" },
        Proposals = PlatnikRegistry.Proposals,
        Firm = Payer,
        FirmRowsFilled = true,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Zus] = new KindReader.Custom("main", Declarations),
            [DataKind.Taxes] = new KindReader.Unsupported("Płatnik holds ZUS declarations only"),
            [DataKind.Statements] = new KindReader.Unsupported("Płatnik holds ZUS declarations only"),
        },
    };

    /// <summary>Where Płatnik keeps its Access database by default (model: the path is chosen at installation).</summary>
    public static DetectPlaces DefaultPlaces => new(
    [
        @"C:\Program Files (x86)\Asseco Poland SA\Płatnik\Baza", @"C:\Program Files\Asseco Poland SA\Płatnik\Baza",
        @"C:\Program Files (x86)\Asseco Poland SA\Płatnik", @"C:\Program Files\Asseco Poland SA\Płatnik",
        @"C:\Płatnik", @"C:\Platnik",
    ], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    /// <summary>A payer as a firm: its key, NIP, REGON, short name; a person's PESEL and name on the payer's person.</summary>
    internal static RawFirm Payer(ProgramId program, SourceRow r)
    {
        string? T(string f) => r.Has(f) ? r.Text(f) : null;
        // PLATNIK holds no NIP or PESEL in the installations seen: the payer section of its latest DRA (documented) stands in
        var (nip, pesel, first, last) = (T("nip") ?? T("draNip"), T("pesel") ?? T("draPesel"), T("firstName"), T("lastName"));
        // compared by value, so two discoveries of the same payers are equal records
        var person = new ValueList<RawPerson>(pesel is null && first is null && last is null
            ? []
            : [new RawPerson(first, last, pesel, nip, null, null, "payer")]);
        var name = T("shortName") ?? string.Join(" ", new[] { last, first }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new RawFirm(program, T("key") ?? "", nip, name, null, null, null, null, null, T("regon"), person);
    }

    /// <summary>
    /// A payer's DRA declarations: the latest version of each month (the corrections of a month are
    /// its later versions), split into contributions by the insured persons of that month's RCA
    /// reports of the same version. A period that is not MMRRRR is kept as a declaration with no
    /// month (the sync rejects it with a warning naming it); the other declarations go on.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Declarations(KindContext ctx,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var latest = new SortedDictionary<(int Year, int Month), (SourceRow Row, int Version)>();
        var bad = new List<SourceRow>();
        await foreach (var row in ctx.Rows("zus", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (Month(r.Text("period")) is not { } month) { bad.Add(r); continue; }
            var version = r.Int("version") ?? 0;
            if (!latest.TryGetValue(month, out var held) || version >= held.Version) latest[month] = (r, version);
        }
        var split = new Dictionary<(int, int, int), decimal?[]>();
        await foreach (var row in ctx.Rows("insured", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            if (Month(r.Text("period")) is not { } month) continue;
            var key = (month.Year, month.Month, r.Int("version") ?? 0);
            var sums = split.TryGetValue(key, out var s) ? s : split[key] = new decimal?[4];
            string[] parts = ["emerytalne", "rentowe", "chorobowe", "wypadkowe"];
            for (var i = 0; i < parts.Length; i++)
                if (r.Decimal(parts[i]) is { } v) sums[i] = (sums[i] ?? 0m) + v;
        }
        foreach (var (year, month) in MonthsRead(latest.Keys, ctx.Plan.From, ctx.Plan.To))
        {
            var (r, version) = latest[(year, month)];
            var parts = split.GetValueOrDefault((year, month, version)) ?? new decimal?[4];
            yield return new(Declaration(ctx, r, year, month, parts), null);
        }
        foreach (var r in bad)
            yield return new(Declaration(ctx, r, 0, 0, new decimal?[4]) with
            {
                DocumentId = $"{r.Text("id")} (period '{r.Text("period")}' is not MMRRRR)",
            }, null);
    }

    private static int Compare((int Year, int Month) m, Period p) => (m.Year * 12 + m.Month).CompareTo(p.Year * 12 + p.Month);

    /// <summary>
    /// Of the months a payer declared (in order), those a read of <paramref name="from"/>..<paramref name="to"/>
    /// gives: the months read, and the last earlier one, the source of copies into the first months (rule 6).
    /// </summary>
    public static IEnumerable<(int Year, int Month)> MonthsRead(IEnumerable<(int Year, int Month)> declared, Period from, Period to)
    {
        var months = declared.ToList();
        var before = months.Where(m => Compare(m, from) < 0).Select(m => ((int, int)?)m).LastOrDefault();
        return months.Where(m => Compare(m, to) <= 0 && (Compare(m, from) >= 0 || m == before));
    }

    private static RawZusDeclaration Declaration(KindContext ctx, SourceRow r, int year, int month, decimal?[] parts)
    {
        var pesel = r.Text("payerPesel");
        var name = r.Text("shortName") ?? string.Join(" ", new[] { r.Text("lastName"), r.Text("firstName") }.Where(s => s is not null));
        return new RawZusDeclaration(ProgramId.Platnik, ctx.Item.FirmKey, ctx.Item.Firm, r.Text("id") ?? "",
            r.Text("payerNip"), pesel, name, PayerType(r.Text("payerType"), pesel, r.Int("insured")), year, month,
            parts[0], parts[1], parts[2], parts[3], r.Decimal("zdrowotne"), r.Decimal("fpFs"), r.Decimal("fgsp"), r.Decimal("fep"),
            r.Decimal("total") ?? r.Decimal("totalOld"));
    }

    /// <summary>The payer's type as the profile's column gives it; else a person insuring no one but themself.</summary>
    internal static string? PayerType(string? stated, string? pesel, int? insured) =>
        !string.IsNullOrWhiteSpace(stated) ? stated
        : !string.IsNullOrWhiteSpace(pesel) && insured is <= 1 ? nameof(Domain.PayerType.SelfOnly)
        : null;

    /// <summary>A period as Płatnik writes it: MMRRRR (six digits, month first).</summary>
    public static (int Year, int Month)? Month(string? text)
    {
        var t = text?.Trim();
        if (t is not { Length: 6 } || !t.All(char.IsAsciiDigit)) return null;
        var month = int.Parse(t[..2], CultureInfo.InvariantCulture);
        var year = int.Parse(t[2..], CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && year >= 1990 ? (year, month) : null;
    }
}
