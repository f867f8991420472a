using System.Data.Common;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;
using static KonektoSync.Extract.Engines.Firebird.FirebirdSettings;

namespace KonektoSync.Extract.Programs.Fakt;

/// <summary>Where <see cref="FaktConnector.Detect"/> looks for Fakt's folder (model: not documented publicly).</summary>
public sealed record FaktPlaces(IReadOnlyList<string> Folders)
{
    public static FaktPlaces Default => new(
        [@"C:\Fakt", @"C:\Program Files\Fakt", @"C:\Program Files (x86)\Fakt", "/opt/fakt"]);
}

/// <summary>
/// Fakt: our model (fakt.profile.json; every item "model"). One Firebird database FAKT.FDB in
/// Fakt's folder with the firms (FIRMY) and the print archive: ARCHIWUM_WYDRUKOW (the reports
/// generated with Raport podatków / Raport ZUS / Razem) and ARCHIWUM_POZYCJE (their taxes and
/// contributions). Reports whose period overlaps the range are read newest first.
/// </summary>
public sealed class FaktConnector(FaktPlaces? places = null) : IProgramConnector
{
    private const string Name = "Fakt";
    private readonly FaktPlaces _places = places ?? FaktPlaces.Default;
    public ProgramId Program => ProgramId.Fakt;

    public IReadOnlyList<SettingSpec> Settings { get; } = Common("Fakt's folder (holding FAKT.FDB)");

    private sealed record Setup(FirebirdTarget Target, ProgramProfile Profile, string DatabasePath);

    private static Either<Problem, Setup> Prepare(ProgramConfig config)
    {
        var path = config.Get("path");
        if (path is null)
            return Problem.Of("fakt.setting", "Fakt: Fakt's folder (path) is not set", Name, "path");
        return from target in FirebirdTarget.FromConfig(Name, config)
               from profile in ProgramProfile.Load(ProgramId.Fakt, config.Get("profileDir"))
               select new Setup(target, profile, path.EndsWith(".fdb", StringComparison.OrdinalIgnoreCase)
                   ? path : FirebirdPaths.Combine(path, profile.File("database")));
    }

    public Task<Seq<ProgramConfig>> Detect(CancellationToken cancel)
    {
        var configs = _places.Folders
            .Where(f => Directory.Exists(f) && Directory.EnumerateFiles(f)
                .Any(x => string.Equals(Path.GetFileName(x), "FAKT.FDB", StringComparison.OrdinalIgnoreCase)))
            .Select(f => new ProgramConfig(ProgramId.Fakt, new Dictionary<string, string>
            {
                ["path"] = f, ["serverType"] = "embedded", ["user"] = FirebirdTarget.DefaultUser,
            }, null));
        return Task.FromResult(configs.ToSeq());
    }

    private sealed record Opened(Setup Setup, SqlSession Session,
        Dictionary<string, System.Collections.Generic.HashSet<string>> Live) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Session.DisposeAsync();
    }

    private static async Task<Either<Problem, Opened>> Open(ProgramConfig config, CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return setup.ProblemOf();
        var s = setup.ValueOf();
        var opened = await FirebirdSession.Open(Name, s.Target, s.DatabasePath, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.ProblemOf();
        var session = opened.ValueOf();
        var tables = await session.Tables(cancel).ConfigureAwait(false);
        if (tables.IsLeft) { await session.DisposeAsync().ConfigureAwait(false); return tables.ProblemOf(); }
        return new Opened(s, session, tables.ValueOf());
    }

    public async Task<Either<Problem, CheckReport>> Check(ProgramConfig config, CancellationToken cancel)
    {
        var opened = await Open(config, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.ProblemOf();
        await using var o = opened.ValueOf();
        var missing = o.Setup.Profile.Missing("main", o.Live);
        var required = missing.Filter(ProgramProfile.IsRequiredMissing);
        if (!required.IsEmpty)
            return Problem.Of("fakt.check",
                $"Fakt: {o.Setup.DatabasePath}: {string.Join("; ", required)}: program version older than supported",
                Name, o.Setup.DatabasePath, string.Join("; ", required));
        var firms = await Firms(o, cancel).ConfigureAwait(false);
        return firms.Map(list => new CheckReport(
            $"Fakt: {list.Count} firms in {o.Setup.DatabasePath}",
            Seq1($"{o.Setup.DatabasePath}: charset {o.Session.DeclaredCharset}, {o.Setup.Target.Where}") + missing));
    }

    public async Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig config, CancellationToken cancel)
    {
        var opened = await Open(config, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.Map(_ => Seq<RawFirm>.Empty);
        await using var o = opened.ValueOf();
        return (await Firms(o, cancel).ConfigureAwait(false)).Map(l => l.ToSeq());
    }

    private static Seq<string> Seq1(string s) => LanguageExt.Prelude.Seq1(s);

    private static readonly string[] FirmColumns =
        ["id", "nip", "name", "street", "postalCode", "city", "email", "phone", "regon"];

    private static async Task<Either<Problem, List<RawFirm>>> Firms(Opened o, CancellationToken cancel)
    {
        var p = o.Setup.Profile;
        if (!o.Live.TryGetValue(p.Table("firms"), out var columns))
            return SourceProblems.TableMissing(Name, FirebirdProblems.Engine, o.Setup.DatabasePath, p.Table("firms"));
        var select = p.SelectList("firms", "f", FirmColumns, columns, o.Setup.DatabasePath);
        if (select.IsLeft) return select.Map(_ => new List<RawFirm>());
        var sql = $"SELECT {select.IfLeft("")} FROM {p.Table("firms")} f ORDER BY f.{p.Column("firms", "id")}";
        return await o.Session.List(sql, [], r => new RawFirm(ProgramId.Fakt, Text(r, 0) ?? "", Text(r, 1), Text(r, 2),
            Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), []), cancel).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var opened = await Open(config, cancel).ConfigureAwait(false);
        if (opened.IsLeft)
        {
            var problem = opened.ProblemOf();
            foreach (var i in plan.Items)
                foreach (var k in i.Kinds)
                    yield return new GroupEnd(ProgramId.Fakt, i.FirmKey, i.Firm, k, problem);
            yield break;
        }
        await using var o = opened.ValueOf();
        var firms = await Firms(o, cancel).ConfigureAwait(false);
        var taxes = ReportsSql(o, zus: false);
        var zus = ReportsSql(o, zus: true);
        foreach (var item in plan.Items)
            foreach (var kind in item.Kinds)
            {
                GroupEnd End(Problem? p) => new(ProgramId.Fakt, item.FirmKey, item.Firm, kind, p);
                switch (kind)
                {
                    case DataKind.Basic:
                        var firm = firms.Bind(l => l.Find(f => f.FirmKey == item.FirmKey) is { } f
                            ? Either<Problem, RawFirm>.Right(f)
                            : Problem.Of("fakt.firm-missing", $"Fakt: firm {item.FirmKey} not in {o.Setup.Profile.Table("firms")} of {o.Setup.DatabasePath}",
                                Name, item.FirmKey, o.Setup.Profile.Table("firms"), o.Setup.DatabasePath));
                        if (firm.IsRight)
                            yield return new RawBasicData(ProgramId.Fakt, item.FirmKey, item.Firm,
                                firm.ValueOf());
                        yield return End(firm.ProblemOrNull());
                        break;
                    case DataKind.Taxes or DataKind.Zus:
                        var sql = kind == DataKind.Zus ? zus : taxes;
                        if (sql.IsLeft) { yield return End(sql.ProblemOf()); break; }
                        await foreach (var r in Reports(o, sql.IfLeft(""), item, plan, kind, End, cancel).ConfigureAwait(false))
                            yield return r;
                        break;
                    default:
                        yield return End(Problem.Of("fakt.statements-unsupported",
                            "Fakt: statements not read (Fakt's print archive holds taxes and ZUS only)", Name));
                        break;
                }
            }
    }

    private static readonly string[] ReportColumns = ["id", "kind", "printedAt"];
    private static readonly string[] ItemColumns =
        ["code", "year", "month", "amount", "payerNip", "payerPesel", "payerName", "emerytalne", "rentowe", "chorobowe",
         "wypadkowe", "zdrowotne", "fpFs", "fgsp", "fep"];

    /// <summary>
    /// The reports of one firm whose period overlaps the range, newest first, each followed by
    /// its items of one kind (ZUS items, or every other item = taxes).
    /// </summary>
    private static Either<Problem, string> ReportsSql(Opened o, bool zus)
    {
        var p = o.Setup.Profile;
        var path = o.Setup.DatabasePath;
        if (!o.Live.TryGetValue(p.Table("reports"), out var rc)) return SourceProblems.TableMissing(Name, FirebirdProblems.Engine, path, p.Table("reports"));
        if (!o.Live.TryGetValue(p.Table("items"), out var ic)) return SourceProblems.TableMissing(Name, FirebirdProblems.Engine, path, p.Table("items"));
        string W(string c) => "w." + p.Column("reports", c);
        string I(string c) => "i." + p.Column("items", c);
        return from w in p.SelectList("reports", "w", ReportColumns, rc, path)
               from i in p.SelectList("items", "i", ItemColumns, ic, path)
               select $"""
                   SELECT {w}, {i}
                   FROM {p.Table("reports")} w
                   LEFT JOIN {p.Table("items")} i ON {I("reportId")} = {W("id")} AND {I("code")} {(zus ? "=" : "<>")} @zusItem
                   WHERE {W("firmId")} = @firm AND {W("kind")} IN (@kind, @both)
                     AND {W("periodFrom")} <= @to AND {W("periodTo")} >= @from
                   ORDER BY {W("printedAt")} DESC, {W("id")} DESC, {I("year")}, {I("month")}, {I("code")}
                   """;
    }

    private sealed record Row(string ReportId, string Kind, DateTime PrintedAt, RawReportItem? Item);

    private static async IAsyncEnumerable<SourceRecord> Reports(Opened o, string sql, ReadItem item, ReadPlan plan,
        DataKind kind, Func<Problem?, GroupEnd> end, [EnumeratorCancellation] CancellationToken cancel)
    {
        var p = o.Setup.Profile;
        if (!int.TryParse(item.FirmKey, out var firmId))
        {
            yield return end(Problem.Of("fakt.firm-key", $"Fakt: firm key '{item.FirmKey}' is not a FIRMY id", Name, item.FirmKey));
            yield break;
        }
        IReadOnlyList<(string, object?)> args =
        [
            ("@zusItem", p.Code("zusItem")), ("@firm", firmId),
            ("@kind", kind == DataKind.Zus ? p.Code("zusReport") : p.Code("taxesReport")), ("@both", p.Code("bothReport")),
            ("@from", plan.From.FirstDay.ToDateTime(TimeOnly.MinValue)), ("@to", plan.To.LastDay.ToDateTime(TimeOnly.MinValue)),
        ];
        var n = 0;
        Row? current = null;
        var items = new List<RawReportItem>();
        RawReport Report(Row r) => new(ProgramId.Fakt, item.FirmKey, item.Firm, r.ReportId, KindOf(p, r.Kind), r.PrintedAt, items.ToList());
        await foreach (var row in o.Session.Guarded(sql, args, r => ReadRow(item, kind == DataKind.Zus, r, ref n), cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return end(row.Fault); yield break; }
            if (current is not null && current.ReportId != row.Value.ReportId)
            {
                yield return Report(current);
                items.Clear();
            }
            current = row.Value;
            if (row.Value.Item is not null) items.Add(row.Value.Item);
        }
        if (current is not null) yield return Report(current);
        yield return end(null);
    }

    private static string KindOf(ProgramProfile p, string code) =>
        code == p.Code("taxesReport") ? "taxes" : code == p.Code("zusReport") ? "zus" : code == p.Code("bothReport") ? "both" : code;

    private static Row ReadRow(ReadItem item, bool zusGroup, DbDataReader r, ref int n)
    {
        var reportId = Text(r, 0) ?? "";
        var kind = Text(r, 1) ?? "";
        var printed = Timestamp(r, 2) ?? DateTime.MinValue;
        var code = Text(r, 3);
        if (code is null) return new Row(reportId, kind, printed, null);
        var (year, month, amount) = (Int(r, 4) ?? 0, Int(r, 5) ?? 0, Decimal(r, 6));
        var (nip, pesel, name) = (Text(r, 7), Text(r, 8), Text(r, 9));
        var zus = zusGroup
            ? new RawZusDeclaration(ProgramId.Fakt, item.FirmKey, item.Firm, $"{reportId}/{++n}", nip, pesel, name, null,
                year, month, Decimal(r, 10), Decimal(r, 11), Decimal(r, 12), Decimal(r, 13), Decimal(r, 14), Decimal(r, 15),
                Decimal(r, 16), Decimal(r, 17), amount)
            : null;
        return new Row(reportId, kind, printed, new RawReportItem(code, year, month, amount, zus));
    }

    public async Task<Either<Problem, Catalog>> Inspect(ProgramConfig config, CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return setup.ProblemOf();
        var s = setup.ValueOf();
        var opened = await FirebirdSession.Open(Name, s.Target, s.DatabasePath, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.ProblemOf();
        await using var session = opened.ValueOf();
        var catalog = await session.Catalog(cancel).ConfigureAwait(false);
        return catalog.Map(c => new Catalog(LanguageExt.Prelude.Seq1((s.DatabasePath, c.ToSeq()))));
    }
}
