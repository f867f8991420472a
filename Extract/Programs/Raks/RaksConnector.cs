using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;
using static KonektoSync.Extract.Engines.Firebird.FirebirdSettings;

namespace KonektoSync.Extract.Programs.Raks;

/// <summary>Where <see cref="RaksConnector.Detect"/> looks: data folders and RAKSSQL Config.xml files.</summary>
public sealed record RaksPlaces(IReadOnlyList<string> DataFolders, IReadOnlyList<string> ConfigFiles)
{
    public static RaksPlaces Default => new(
        [@"C:\Program Files\Raks\Data", @"C:\Program Files (x86)\Raks\Data", @"C:\RAKSSQL\Data4", @"C:\RAKSSQL\Data",
         "/usr/raks/Data"],
        [@"C:\RAKSSQL\Config.xml", @"C:\Program Files\RAKSSQL\Config.xml", @"C:\Program Files (x86)\RAKSSQL\Config.xml"]);
}

/// <summary>
/// Raks / RAKS SQL: the system database <c>Raks3000.fdb</c> (firms in <c>AD_FIRMS</c>,
/// declarations in <c>R3_DEKLARACJE</c> with their definitions) and one <c>F000NN.fdb</c> per firm
/// in the same data folder. Names come from raks.profile.json (confirmed or model per item).
/// </summary>
public sealed class RaksConnector(RaksPlaces? places = null) : IProgramConnector
{
    private const string Name = "Raks";
    private readonly RaksPlaces _places = places ?? RaksPlaces.Default;
    public ProgramId Program => ProgramId.Raks;

    public IReadOnlyList<SettingSpec> Settings { get; } =
        Common("data folder holding Raks3000.fdb and F000NN.fdb (RAKS SQL Administrator > Ustawienia > Konfiguracja systemu > Lokalizacja baz danych)");

    private sealed record Setup(FirebirdTarget Target, ProgramProfile Profile, string Folder)
    {
        public string SystemPath => FirebirdPaths.Combine(Folder, Profile.File("system"));
        public string FirmPath(string number) => FirebirdPaths.Combine(Folder,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Profile.File("firm"),
                int.TryParse(number, out var n) ? n : 0));
    }

    private Either<Problem, Setup> Prepare(ProgramConfig config)
    {
        var path = config.Get("path");
        if (path is null)
            return Problem.Of("raks.setting", "Raks: the data folder (path) is not set", Name, "path");
        var folder = path.EndsWith(".fdb", StringComparison.OrdinalIgnoreCase)
            ? path[..Math.Max(0, path.LastIndexOfAny(['/', '\\']))] : path;
        return from target in FirebirdTarget.FromConfig(Name, config)
               from profile in ProgramProfile.Load(ProgramId.Raks, config.Get("profileDir"))
               select new Setup(target, profile, folder);
    }

    public Task<Seq<ProgramConfig>> Detect(CancellationToken cancel)
    {
        var found = new List<string>();
        foreach (var file in _places.ConfigFiles.Where(File.Exists))
            found.AddRange(FoldersIn(file));
        found.AddRange(_places.DataFolders);
        var configs = found
            .Where(f => Directory.Exists(f) && Directory.EnumerateFiles(f)
                .Any(x => string.Equals(Path.GetFileName(x), "Raks3000.fdb", StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(f => new ProgramConfig(ProgramId.Raks, new Dictionary<string, string>
            {
                ["path"] = f, ["host"] = "localhost", ["port"] = "3050", ["user"] = FirebirdTarget.DefaultUser,
                ["serverType"] = "server",
            }, null));
        return Task.FromResult(configs.ToSeq());
    }

    /// <summary>Folders named in a Config.xml: any element or attribute value that is a path to a folder or an .fdb (model: the file's layout is not public).</summary>
    private static IEnumerable<string> FoldersIn(string configFile)
    {
        XDocument doc;
        try { doc = XDocument.Load(configFile); }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException) { yield break; }
        var values = doc.Descendants().Where(e => !e.HasElements).Select(e => e.Value)
            .Concat(doc.Descendants().Attributes().Select(a => a.Value));
        foreach (var v in values.Select(v => v.Trim()).Where(v => v.Contains('\\') || v.Contains('/')))
            yield return v.EndsWith(".fdb", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(v) ?? v : v;
    }

    public async Task<Either<Problem, CheckReport>> Check(ProgramConfig config, CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return setup.ProblemOf();
        var s = setup.ValueOf();
        var opened = await FirebirdSession.Open(Name, s.Target, s.SystemPath, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.ProblemOf();
        await using var system = opened.ValueOf();
        var tables = await system.Tables(cancel).ConfigureAwait(false);
        if (tables.IsLeft) return tables.ProblemOf();
        var live = tables.ValueOf();
        var details = new List<string> { $"{s.SystemPath}: charset {system.DeclaredCharset}, {s.Target.Where}" };
        var missing = s.Profile.Missing("system", live);
        details.AddRange(missing.Select(m => $"{s.SystemPath}: {m}"));
        if (missing.Any(ProgramProfile.IsRequiredMissing))
            return Problem.Of("raks.check", $"Raks: {s.SystemPath}: {string.Join("; ", missing.Filter(ProgramProfile.IsRequiredMissing))}: program version older than supported",
                Name, s.SystemPath, string.Join("; ", missing.Filter(ProgramProfile.IsRequiredMissing)));
        var firms = await Firms(s, system, live, cancel).ConfigureAwait(false);
        if (firms.IsLeft) return firms.ProblemOf();
        var list = firms.ValueOf();
        var readable = 0;
        foreach (var firm in list)
        {
            var path = s.FirmPath(firm.FirmKey);
            var firmDb = await FirebirdSession.Open(Name, s.Target, path, cancel).ConfigureAwait(false);
            await firmDb.Match(
                Right: async db =>
                {
                    await using (db)
                    {
                        var ft = await db.Tables(cancel).ConfigureAwait(false);
                        ft.Match(
                            Right: t => details.AddRange(s.Profile.Missing("firm", t).Select(m => $"{path}: {m}")),
                            Left: p => details.Add(p.Message));
                        readable++;
                    }
                },
                Left: p => { details.Add(p.Message); return Task.CompletedTask; }).ConfigureAwait(false);
        }
        return new CheckReport(
            $"Raks: {list.Count} firms in {s.SystemPath}; {readable} firm databases open", details.ToSeq());
    }

    public async Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig config, CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return setup.Map(_ => Seq<RawFirm>.Empty);
        var s = setup.ValueOf();
        var opened = await FirebirdSession.Open(Name, s.Target, s.SystemPath, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.Map(_ => Seq<RawFirm>.Empty);
        await using var system = opened.ValueOf();
        var tables = await system.Tables(cancel).ConfigureAwait(false);
        if (tables.IsLeft) return tables.Map(_ => Seq<RawFirm>.Empty);
        var firms = await Firms(s, system, tables.ValueOf(), cancel).ConfigureAwait(false);
        return firms.Map(f => f.ToSeq());
    }

    private static readonly string[] FirmColumns =
        ["number", "taxId", "shortName", "fullName", "street", "postalCode", "city", "email", "phone", "regon"];

    private static async Task<Either<Problem, List<RawFirm>>> Firms(Setup s, SqlSession system,
        Dictionary<string, System.Collections.Generic.HashSet<string>> live, CancellationToken cancel)
    {
        var p = s.Profile;
        if (!live.TryGetValue(p.Table("firms"), out var columns))
            return SourceProblems.TableMissing(Name, FirebirdProblems.Engine, s.SystemPath, p.Table("firms"));
        var select = p.SelectList("firms", "f", FirmColumns, columns, s.SystemPath);
        if (select.IsLeft) return select.Map(_ => new List<RawFirm>());
        var sql = $"SELECT {select.IfLeft("")} FROM {p.Table("firms")} f ORDER BY f.{p.Column("firms", "number")}";
        return await system.List(sql, [], r => new RawFirm(ProgramId.Raks,
            Text(r, 0) ?? "", Text(r, 1), Text(r, 3) ?? Text(r, 2), Text(r, 4), Text(r, 5), Text(r, 6),
            Text(r, 7), Text(r, 8), Text(r, 9), []), cancel).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft)
        {
            foreach (var end in FailAll(plan, setup.ProblemOf())) yield return end;
            yield break;
        }
        var s = setup.ValueOf();
        var opened = await FirebirdSession.Open(Name, s.Target, s.SystemPath, cancel).ConfigureAwait(false);
        if (opened.IsLeft)
        {
            foreach (var end in FailAll(plan, opened.ProblemOf())) yield return end;
            yield break;
        }
        await using var system = opened.ValueOf();
        var tables = await system.Tables(cancel).ConfigureAwait(false);
        var live = tables.IfLeft(new Dictionary<string, System.Collections.Generic.HashSet<string>>());
        var firms = tables.IsLeft
            ? tables.Map(_ => new List<RawFirm>())
            : await Firms(s, system, live, cancel).ConfigureAwait(false);
        var declarations = DeclarationsSql(s, live);
        foreach (var item in plan.Items)
        {
            SqlSession? firmDb = null;
            Problem? firmDbProblem = null;
            try
            {
                foreach (var kind in item.Kinds)
                {
                    GroupEnd End(Problem? p) => new(ProgramId.Raks, item.FirmKey, item.Firm, kind, p);
                    switch (kind)
                    {
                        case DataKind.Basic:
                            var basic = BasicData(item, firms, s);
                            if (basic.IsRight) yield return basic.ValueOf();
                            yield return End(basic.ProblemOrNull());
                            break;
                        case DataKind.Taxes:
                            if (declarations.IsLeft) { yield return End(declarations.ProblemOf()); break; }
                            await foreach (var r in Group(system, declarations.IfLeft(""), DeclarationArgs(item, plan),
                                rd => Declaration(item, rd), End, cancel).ConfigureAwait(false))
                                yield return r;
                            break;
                        default:
                            if (firmDb is null && firmDbProblem is null)
                            {
                                var o = await FirebirdSession.Open(Name, s.Target, s.FirmPath(item.FirmKey), cancel).ConfigureAwait(false);
                                o.Match(db => firmDb = db, p => firmDbProblem = p);
                            }
                            if (firmDb is null) { yield return End(firmDbProblem); break; }
                            await foreach (var r in FirmData(s, firmDb, item, plan, kind, End, cancel).ConfigureAwait(false))
                                yield return r;
                            break;
                    }
                }
            }
            finally
            {
                if (firmDb is not null) await firmDb.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<GroupEnd> FailAll(ReadPlan plan, Problem problem) =>
        plan.Items.SelectMany(i => i.Kinds.Select(k => new GroupEnd(ProgramId.Raks, i.FirmKey, i.Firm, k, problem)));

    private static Problem FirmNotFound(ReadItem item, Setup s) =>
        Problem.Of("raks.firm-missing", $"Raks: firm number {item.FirmKey} not in {s.Profile.Table("firms")} of {s.SystemPath}",
            Name, item.FirmKey, s.Profile.Table("firms"), s.SystemPath);

    private static Either<Problem, RawBasicData> BasicData(ReadItem item, Either<Problem, List<RawFirm>> firms, Setup s) =>
        firms.Bind(list => list.Find(f => f.FirmKey == item.FirmKey) is { } firm
            ? Either<Problem, RawBasicData>.Right(new RawBasicData(ProgramId.Raks, item.FirmKey, item.Firm, firm))
            : FirmNotFound(item, s));

    /// <summary>
    /// Declarations of a firm, matched by the NIP column of R3_DEKLARACJE (digits only, with or
    /// without "PL"), with the type from the definition's NAZWA (not its id), dated in the range.
    /// </summary>
    private static Either<Problem, string> DeclarationsSql(Setup s, Dictionary<string, System.Collections.Generic.HashSet<string>> live)
    {
        var p = s.Profile;
        if (!live.TryGetValue(p.Table("declarations"), out var dc))
            return SourceProblems.TableMissing(Name, FirebirdProblems.Engine, s.SystemPath, p.Table("declarations"));
        if (!live.TryGetValue(p.Table("definitions"), out var fc))
            return SourceProblems.TableMissing(Name, FirebirdProblems.Engine, s.SystemPath, p.Table("definitions"));
        string D(string c) => "d." + p.Column("declarations", c);
        return from d in p.SelectList("declarations", "d", ["id", "date", "createdAt", "tax"], dc, s.SystemPath)
               from n in p.SelectList("definitions", "n", ["name"], fc, s.SystemPath)
               select $"""
                   SELECT {D("id")}, {n}, {D("date")}, {D("createdAt")}, {D("tax")}
                   FROM {p.Table("declarations")} d
                   JOIN {p.Table("definitions")} n ON n.{p.Column("definitions", "id")} = {D("definitionId")}
                   WHERE REPLACE(REPLACE({D("nip")}, '-', ''), ' ', '') IN (@nip, @plnip)
                     AND {D("date")} BETWEEN @from AND @to
                   ORDER BY {D("date")}, {D("id")}
                   """;
    }

    private static IReadOnlyList<(string, object?)> DeclarationArgs(ReadItem item, ReadPlan plan) =>
    [
        ("@nip", item.Firm.Value), ("@plnip", "PL" + item.Firm.Value),
        ("@from", plan.From.FirstDay.ToDateTime(TimeOnly.MinValue)), ("@to", plan.To.LastDay.ToDateTime(TimeOnly.MinValue)),
    ];

    private static SourceRecord Declaration(ReadItem item, DbDataReader r) =>
        new RawDeclaration(ProgramId.Raks, item.FirmKey, item.Firm, Text(r, 0) ?? "", Text(r, 1) ?? "",
            Date(r, 2), Timestamp(r, 3), Decimal(r, 4));

    private static readonly string[] ZusColumns =
        ["id", "payerNip", "payerPesel", "payerName", "payerType", "year", "month", "emerytalne", "rentowe", "chorobowe",
         "wypadkowe", "zdrowotne", "fpFs", "fgsp", "fep", "total"];

    private static readonly string[] TrialBalanceColumns =
        ["year", "month", "account", "name", "openingDt", "openingCt", "turnoverDt", "turnoverCt", "cumulativeDt",
         "cumulativeCt", "closingDt", "closingCt"];

    /// <summary>ZUS (DRA totals) and the trial balance from the firm database's model tables.</summary>
    private static async IAsyncEnumerable<SourceRecord> FirmData(Setup s, SqlSession db, ReadItem item, ReadPlan plan,
        DataKind kind, Func<Problem?, GroupEnd> end, [EnumeratorCancellation] CancellationToken cancel)
    {
        var p = s.Profile;
        var key = kind == DataKind.Zus ? "zus" : "trialBalance";
        var tables = await db.Tables(cancel).ConfigureAwait(false);
        if (tables.IsLeft) { yield return end(tables.ProblemOf()); yield break; }
        var live = tables.ValueOf();
        if (!live.TryGetValue(p.Table(key), out var columns))
        {
            var what = kind == DataKind.Zus ? "ZUS" : "statements";
            yield return end(Problem.Of($"raks.{key}-unsupported",
                $"Raks: {what} not read in this version (model table {p.Table(key)} not in {db.Where})", Name, what, db.Where,
                p.Table(key)));
            yield break;
        }
        var select = p.SelectList(key, "t", kind == DataKind.Zus ? ZusColumns : TrialBalanceColumns, columns, db.Where);
        if (select.IsLeft) { yield return end(select.ProblemOf()); yield break; }
        string C(string c) => "t." + p.Column(key, c);
        var sql = $"""
            SELECT {select.IfLeft("")} FROM {p.Table(key)} t
            WHERE {C("year")} * 12 + {C("month")} BETWEEN @from AND @to
            ORDER BY {C("year")}, {C("month")}
            """;
        IReadOnlyList<(string, object?)> args = [("@from", plan.From.Index + 1), ("@to", plan.To.Index + 1)];
        Func<DbDataReader, SourceRecord> map = kind == DataKind.Zus
            ? r => new RawZusDeclaration(ProgramId.Raks, item.FirmKey, item.Firm, Text(r, 0) ?? "", Text(r, 1), Text(r, 2),
                Text(r, 3), Text(r, 4), Int(r, 5) ?? 0, Int(r, 6) ?? 0, Decimal(r, 7), Decimal(r, 8), Decimal(r, 9),
                Decimal(r, 10), Decimal(r, 11), Decimal(r, 12), Decimal(r, 13), Decimal(r, 14), Decimal(r, 15))
            : r => new RawTrialBalanceLine(ProgramId.Raks, item.FirmKey, item.Firm, Int(r, 0) ?? 0, Int(r, 1) ?? 0,
                Text(r, 2) ?? "", Text(r, 3), Decimal(r, 4), Decimal(r, 5), Decimal(r, 6), Decimal(r, 7), Decimal(r, 8),
                Decimal(r, 9), Decimal(r, 10), Decimal(r, 11));
        await foreach (var r in Group(db, sql, args, map, end, cancel).ConfigureAwait(false))
            yield return r;
    }

    public async Task<Either<Problem, Catalog>> Inspect(ProgramConfig config, CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return setup.ProblemOf();
        var s = setup.ValueOf();
        var opened = await FirebirdSession.Open(Name, s.Target, s.SystemPath, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return opened.ProblemOf();
        var sources = new List<(string, Seq<CatalogColumn>)>();
        List<RawFirm> firms;
        await using (var system = opened.ValueOf())
        {
            var catalog = await system.Catalog(cancel).ConfigureAwait(false);
            if (catalog.IsLeft) return catalog.ProblemOf();
            sources.Add((s.SystemPath, catalog.IfLeft([]).ToSeq()));
            var live = await system.Tables(cancel).ConfigureAwait(false);
            firms = live.IsLeft ? [] : (await Firms(s, system, live.ValueOf(), cancel)
                .ConfigureAwait(false)).IfLeft([]);
        }
        foreach (var firm in firms)
        {
            var path = s.FirmPath(firm.FirmKey);
            var db = await FirebirdSession.Open(Name, s.Target, path, cancel).ConfigureAwait(false);
            if (db.IsLeft) continue;
            await using var session = db.ValueOf();
            var catalog = await session.Catalog(cancel).ConfigureAwait(false);
            catalog.IfRight(c => sources.Add((path, c.ToSeq())));
        }
        return new Catalog(sources.ToSeq());
    }
}
