using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;
using Live = System.Collections.Generic.Dictionary<string, System.Collections.Generic.HashSet<string>>;

namespace KonektoSync.Extract.Kit;

/// <summary>A firm as the source lists it, with its database where the layout names one per firm.</summary>
internal sealed record FirmEntry(RawFirm Firm, string? Database);

/// <summary>
/// The connector of any program described by a <see cref="ProgramDefinition"/>: Detect, Check,
/// Discover, Inspect and the Read framing (exactly one <see cref="GroupEnd"/> per planned firm and
/// kind; a failing group never stops the others; a firm the source lacks fails its groups with
/// one problem; a kind the program does not read fails with "program.kind-unsupported").
/// </summary>
public sealed class ProgramDriver(ProgramDefinition definition, DetectPlaces? places = null) : IProgramConnector, IFirmFingerprints
{
    private readonly DetectPlaces _places = places ?? DetectPlaces.None;
    private readonly OpenFailures _failures = new(TimeSpan.FromMinutes(10));
    private string Name => definition.Name;

    public ProgramId Program => definition.Program;
    public ProgramDefinition Definition => definition;
    public IReadOnlyList<SettingSpec> Settings => definition.Engine.Settings(definition.PathDescription)
        .Concat(definition.Kinds.Values.OfType<KindReader.BySetting>()
            .Select(b => new SettingSpec(b.Setting, $"{b.Description}: {string.Join(" | ", b.Options.Keys)}", false, b.Default)))
        .ToList();

    /// <summary>The reader of a kind under a configuration: a setting's choice resolved, or the problem of a wrong value.</summary>
    private Either<Problem, KindReader> ReaderOf(DataKind kind, ProgramConfig config)
    {
        var reader = definition.Kinds.TryGetValue(kind, out var r) ? r
            : new KindReader.Unsupported($"{Name} does not hold {kind.Code()} data");
        if (reader is not KindReader.BySetting b) return reader;
        var value = config.GetOr(b.Setting, b.Default).Trim();
        var chosen = b.Options.FirstOrDefault(o => o.Key.Equals(value, StringComparison.OrdinalIgnoreCase)).Value;
        return chosen is null ? SourceProblems.Setting(Name, b.Setting, value, string.Join(" | ", b.Options.Keys)) : chosen;
    }

    private sealed record Setup(ISourceTarget Target, ProgramProfile Profile, string Root, Option<Place> Shared,
        OpenFailures.Scope Failures);

    private Either<Problem, Setup> Prepare(ProgramConfig config)
    {
        var key = definition.Engine.LocationFor(config);
        return from target in definition.Engine.Target(Name, config)
               from profile in definition.Profile.Load(definition.Program, config.Get("profileDir"))
               from location in Location(config, profile, key)
               let resolved = Layouts.Resolve(definition.Layout, profile, location, target.Combine)
               select new Setup(target, target.Adapt(profile), resolved.Root, resolved.Shared, _failures.For(config.Values));
    }

    /// <summary>The configured location, or the catalog database the profile names by default.</summary>
    private Either<Problem, string> Location(ProgramConfig config, ProgramProfile profile, string key) =>
        config.Get(key) is { } set ? set
        : definition.Layout is Layout.ServerCatalog c ? profile.File(c.CatalogDatabase)
        : definition.Layout is Layout.ServerDatabase { DefaultDatabase: { } d } ? profile.File(d)
        : SourceProblems.SettingMissing(Name, key);

    /// <summary>
    /// Proposes configurations: folders of the detect places holding the layout's marker file (or
    /// showing firms), and the locations the program's own configuration files name (a server
    /// program's database is taken as named: it cannot be looked at without a login).
    /// </summary>
    public Task<Seq<ProgramConfig>> Detect(CancellationToken cancel)
    {
        var profile = ProfileSource(null).IfLeft(() => throw new InvalidOperationException($"{Name}: embedded profile"));
        var key = definition.Engine.LocationSetting;
        var named = _places.ConfigFiles.Where(File.Exists).SelectMany(definition.FoldersInConfigFile);
        var found = definition.Engine.Files
            ? named.Concat(_places.Folders).Where(f => Directory.Exists(f) && Holds(profile, f))
            : named;
        var folders = found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var values = folders.Count > 0 ? Proposed() : definition.DetectValues;
        var configs = folders.Select(f => new ProgramConfig(
            definition.Program, new Dictionary<string, string>(values) { [key] = f }, null)).ToList();
        if (definition.SettingsInConfigFile is { } settingsIn)
            configs.AddRange(_places.ConfigFiles.Where(File.Exists).SelectMany(settingsIn).Where(v => v.ContainsKey(key))
                .Select(v => new ProgramConfig(definition.Program,
                    definition.DetectValues.Concat(v).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), null)));
        configs.AddRange(definition.Proposals().Select(p => new ProgramConfig(definition.Program, p, null)));
        return Task.FromResult(configs.ToSeq());
    }

    /// <summary>
    /// The settings detect proposes: the program's own, but server mode for an embedded Firebird
    /// program when a Firebird server answers on this machine (the server holds the program's files).
    /// </summary>
    private IReadOnlyDictionary<string, string> Proposed()
    {
        var values = definition.DetectValues;
        if (definition.Engine is not FirebirdEngine || values.GetValueOrDefault("serverType") != "embedded"
            || !FirebirdEngine.ServerAnswers())
            return values;
        return new Dictionary<string, string>(values)
        {
            ["serverType"] = "server", ["host"] = "localhost", ["port"] = FirebirdTarget.DefaultPort.ToString(),
        };
    }

    private bool Holds(ProgramProfile profile, string folder)
    {
        static Seq<string> Names(string path) => Directory.Exists(path)
            ? Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().ToSeq() : [];
        if (definition.Layout.MarkerFile is { } marker)
            return Names(folder).Exists(n => string.Equals(n, profile.File(marker), StringComparison.OrdinalIgnoreCase));
        // table files: a folder's tables are its files' names (a layout finding firms by their tables looks at them)
        IReadOnlySet<string>? Tables(string path) => definition.Engine.Files && Directory.Exists(path)
            ? Names(path).Map(n => Path.GetFileNameWithoutExtension(n)).ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
        return !Layouts.FirmsListed(definition.Layout, profile, folder, Names, Tables, Path.Combine).IsEmpty;
    }

    private Either<Problem, ProgramProfile> ProfileSource(string? dir) => definition.Profile.Load(definition.Program, dir);

    /// <summary>An open database with its live tables and columns.</summary>
    private sealed record Open(ISourceDatabase Session, Live Live) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Session.DisposeAsync();
    }

    /// <summary>
    /// Opens a database with its live tables; a database that could not be opened a moment ago
    /// (in the check before this read) is not tried again: its problem is given at once.
    /// </summary>
    private static async Task<Either<Problem, Open>> OpenAt(Setup s, string database, CancellationToken cancel)
    {
        if (s.Failures.Recall(database) is { } known) return known;
        var opened = await s.Target.Open(database, cancel).ConfigureAwait(false);
        if (opened.IsLeft)
        {
            if (OpenFailures.OfTheFile(opened.ProblemOf())) s.Failures.Remember(database, opened.ProblemOf());
            return opened.ProblemOf();
        }
        s.Failures.Forget(database);
        var session = opened.ValueOf();
        var tables = await session.Tables(cancel).ConfigureAwait(false);
        if (tables.IsRight) return new Open(session, tables.ValueOf());
        await session.DisposeAsync().ConfigureAwait(false);
        return tables.ProblemOf();
    }

    /// <summary>
    /// The firms the source lists. A firm database found by its tables whose own "firms" row cannot be
    /// read keeps its name and fails its own groups; when every firm's row fails, that problem is the listing's, unless
    /// <paramref name="tolerant"/> (check: it names what the database lacks).
    /// </summary>
    private async Task<Either<Problem, List<FirmEntry>>> Firms(Setup s, Open? shared, CancellationToken cancel,
        bool tolerant = false, bool ownRows = true)
    {
        if (s.Profile.Query("firms").Case is QuerySpec spec && shared is not null)
        {
            var read = new List<SourceRow>();
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            var run = new QueryRun("", default!, default, default); // the firms query filters neither firm nor months
            await foreach (var row in shared.Session.Rows(spec, s.Profile, shared.Live, run, Name, cancel).ConfigureAwait(false))
            {
                if (row.Fault is not null) return row.Fault;
                if (definition.FirmRowsFilled && row.Value.Text("key") is { } key && first.TryGetValue(key, out var at))
                    read[at] = read[at].FilledFrom(row.Value);
                else
                {
                    if (definition.FirmRowsFilled && row.Value.Text("key") is { } k) first[k] = read.Count;
                    read.Add(row.Value);
                }
            }
            return read.Where(definition.FirmInUse)
                .Select(r => new FirmEntry(definition.Firm(definition.Program, r), definition.FirmDatabase(r))).ToList();
        }
        if (definition.Layout.SharedRole is null && definition.Engine.Files && !Directory.Exists(s.Root))
            return KitProblems.FolderMissing(Name, s.Root);
        var tables = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var names = new Dictionary<string, Seq<string>>(StringComparer.Ordinal);
        var described = new Dictionary<string, RawFirm?>(StringComparer.Ordinal);
        var failedOwn = new List<Problem>();
        if (definition.Layout is Layout.FirmByTables byTables)
        {
            var listed = await s.Target.Databases(s.Root, cancel).ConfigureAwait(false);
            if (listed.IsLeft) return listed.ProblemOf();
            names[s.Root] = listed.ValueOf().Filter(n => Layouts.Named(byTables, s.Profile, n));
            foreach (var name in names[s.Root])
            {
                var database = s.Target.Combine(s.Root, name);
                var opened = await OpenAt(s, database, cancel).ConfigureAwait(false);
                if (opened.IsLeft && definition.Engine.Files && Everywhere(opened.ProblemOf())) return opened.ProblemOf();
                if (opened.IsLeft) continue;
                await using var db = opened.ValueOf();
                tables[database] = db.Live.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (s.Profile.Query("firms").Case is QuerySpec own && byTables.Tables.ForAll(t => db.Live.ContainsKey(s.Profile.Table(t))))
                {
                    var key = Layouts.FirmOf(byTables, s.Profile, name);
                    var row = await OwnRow(db, own, s.Profile, key, cancel).ConfigureAwait(false);
                    if (row.IsLeft) failedOwn.Add(row.ProblemOf());
                    described[key] = row.MatchUnsafe(f => f.MatchUnsafe(x => x, () => null), _ => null);
                }
            }
        }
        else if (definition.Layout is Layout.FolderPerFirm or Layout.YearSuffixTables or Layout.FirmFolders)
        {
            var listed = await s.Target.Databases(s.Root, cancel).ConfigureAwait(false); // an absent data folder is a problem
            if (listed.IsLeft) return listed.ProblemOf();
            names[s.Root] = listed.ValueOf();
        }
        var keys = Layouts.FirmsListed(definition.Layout, s.Profile, s.Root,
            path => names.TryGetValue(path, out var known) ? known : s.Target.List(path),
            db => tables.GetValueOrDefault(db), s.Target.Combine);
        if (ownRows && definition.Layout is Layout.FirmAndYear or Layout.FolderPerFirm or Layout.FirmFolders
            && s.Profile.Query("firms").Case is QuerySpec yearly)
            foreach (var key in keys)
            {
                // a firm kept per year is named by the "firms" query in its newest year's database (Finka's Dane firmy)
                var newest = Layouts.FirmPlaces(definition.Layout, s.Profile, s.Root, key, null, 1900, 2200, s.Target.List,
                    s.Target.Combine).Where(p => p.Role == yearly.Database).LastOrDefault();
                if (newest is null) continue;
                var opened = await OpenAt(s, newest.Database, cancel).ConfigureAwait(false);
                if (opened.IsLeft && Everywhere(opened.ProblemOf())) return opened.ProblemOf();
                if (opened.IsLeft) continue;
                await using var db = opened.ValueOf();
                var row = await OwnRow(db, yearly, s.Profile, key, cancel).ConfigureAwait(false);
                if (row.IsLeft) failedOwn.Add(row.ProblemOf());
                described[key] = row.MatchUnsafe(f => f.MatchUnsafe(x => x, () => null), _ => null);
            }
        // a firm whose own row cannot be read keeps its name and fails its own groups; when every firm's
        // row fails alike (the profile does not fit the program's version), that problem is the listing's
        if (!tolerant && failedOwn.Count > 0 && failedOwn.Count == described.Count) return failedOwn[0];
        var entries = keys.Map(k => new FirmEntry(described.TryGetValue(k, out var firm) && firm is not null ? firm
            : new RawFirm(definition.Program, k, null, k, null, null, null, null, null, null, []), null)).ToList();
        if (ownRows && OwnRowQuery(s) is { } ownQuery)
            return await OwnFirmRows(s, ownQuery, entries, cancel).ConfigureAwait(false);
        return entries;
    }

    /// <summary>
    /// True when a firm the listing left out still has its folder (a folder layout of table files): its
    /// own table could not be read, so its groups are read and end with the problem naming the file.
    /// </summary>
    private bool FolderOfFirm(Setup s, string key) =>
        definition.Engine.Files && definition.Layout is Layout.FirmByTables or Layout.FolderPerFirm or Layout.YearSuffixTables
        && key.Length > 0 && Directory.Exists(s.Target.Combine(s.Root, key));

    /// <summary>A login or server problem: every database of the listing would fail alike, so the listing fails.</summary>
    private static bool Everywhere(Problem p) => p.Code is "source.login" or "source.unreachable" or "source.certificate";

    /// <summary>
    /// A firm found by its tables, named by the first row of the profile's "firms" query in its own
    /// database (Insert nexo's own company in Podmioty); null when the query has no row, or the problem.
    /// </summary>
    private async Task<Either<Problem, Option<RawFirm>>> OwnRow(Open db, QuerySpec query, ProgramProfile profile, string key,
        CancellationToken cancel)
    {
        var run = new QueryRun(key, default!, default, default);
        await foreach (var row in db.Session.Rows(query, profile, db.Live, run, Name, cancel).ConfigureAwait(false))
            return row.Fault is not null ? row.Fault : Option<RawFirm>.Some(definition.Firm(definition.Program, row.Value) with { FirmKey = key });
        return Option<RawFirm>.None;
    }

    /// <summary>
    /// A layout with a folder per firm whose "firms" query runs in the firm's own database: each firm's
    /// data come from its latest year. A firm whose database does not open, or whose firm table is
    /// missing or unreadable, keeps its folder name (the other firms go on; check and the read name its
    /// problem); a required column the tables of every firm lack is the problem of the listing (the profile does not fit).
    /// </summary>
    private async Task<Either<Problem, List<FirmEntry>>> OwnFirmRows(Setup s, QuerySpec query, List<FirmEntry> listed,
        CancellationToken cancel)
    {
        var firms = new List<FirmEntry>();
        var misfits = new List<Problem>();
        foreach (var entry in listed)
        {
            if (LatestOwnPlace(s, entry).Case is not Place place) { firms.Add(entry); continue; }
            var opened = await OpenAt(s, place.Database, cancel).ConfigureAwait(false);
            if (opened.IsLeft) { firms.Add(entry); continue; }
            await using var db = opened.ValueOf();
            var (named, misfit) = await OwnFirmRow(db, s, query, entry, cancel).ConfigureAwait(false);
            if (misfit is not null) misfits.Add(misfit);
            firms.Add(named);
        }
        // every firm's table lacking a column: the profile does not fit (named by check); one damaged file fails its firm only
        return misfits.Count > 0 && misfits.Count == listed.Count ? misfits[0] : firms;
    }

    /// <summary>
    /// The "firms" query of a layout whose firms are named in their own databases
    /// (<see cref="OwnFirmRows"/>), or null for the other layouts.
    /// </summary>
    private QuerySpec? OwnRowQuery(Setup s) =>
        definition.Layout is not (Layout.FirmByTables or Layout.FirmAndYear or Layout.FolderPerFirm or Layout.FirmFolders)
        && s.Profile.Query("firms").Case is QuerySpec q && q.Database == "firm" ? q : null;

    /// <summary>The database of a firm's latest year, where its own row is read.</summary>
    private Option<Place> LatestOwnPlace(Setup s, FirmEntry entry)
    {
        var year = DateTime.Today.Year;
        return FirmPlaces(s, entry, year - 10, year + 1).Filter(p => p.Role == "firm").LastOrNone();
    }

    /// <summary>
    /// A firm named by the first row of the "firms" query in its own database <paramref name="db"/>; its
    /// folder name stands when the table cannot be read (then a missing column is the misfit returned).
    /// </summary>
    private async Task<(FirmEntry Entry, Problem? Misfit)> OwnFirmRow(Open db, Setup s, QuerySpec query, FirmEntry entry,
        CancellationToken cancel)
    {
        var run = new QueryRun(entry.Firm.FirmKey, default!, default, default); // filters neither firm nor months
        SourceRow? first = null;
        Problem? misfit = null;
        await foreach (var row in db.Session.Rows(query, s.Profile, db.Live, run, Name, cancel).ConfigureAwait(false))
        {
            if (row.Fault is { Code: "source.column-missing" }) misfit = row.Fault;
            if (row.Fault is not null) { first = null; break; } // this firm's own table cannot be read: its folder name stands
            first ??= row.Value;
        }
        return (first is null ? entry
            : entry with { Firm = definition.Firm(definition.Program, first) with { FirmKey = entry.Firm.FirmKey } }, misfit);
    }

    /// <summary>A database of one firm (role "firm", or a part of a layout of several parts), not the shared one.</summary>
    private bool OwnPlace(Place p) => p.Role == "firm" || definition.Layout is Layout.FirmFolders;

    private Seq<Place> FirmPlaces(Setup s, FirmEntry firm, int fromYear, int toYear) =>
        Layouts.FirmPlaces(definition.Layout, s.Profile, s.Root, firm.Firm.FirmKey, firm.Database, fromYear, toYear,
            s.Target.List, s.Target.Combine);

    /// <summary>The shared database of a layout, or none (Db null) when every database belongs to one firm.</summary>
    private sealed record SharedDb(Open? Db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>Opens the shared database of the layout, if it has one.</summary>
    private static async Task<Either<Problem, SharedDb>> OpenShared(Setup s, CancellationToken cancel)
    {
        if (s.Shared.Case is not Place place) return new SharedDb(null);
        var opened = await OpenAt(s, place.Database, cancel).ConfigureAwait(false);
        return opened.Map(o => new SharedDb(o));
    }

    /// <summary>A configuration's setup and its shared database (none for layouts without one), or the problem.</summary>
    private async Task<Either<Problem, (Setup Setup, SharedDb Shared)>> PrepareShared(ProgramConfig config,
        CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return setup.ProblemOf();
        var s = setup.ValueOf();
        return (await OpenShared(s, cancel).ConfigureAwait(false)).Map(shared => (s, shared));
    }

    public async Task<Either<Problem, CheckReport>> Check(ProgramConfig config, CancellationToken cancel)
    {
        var prepared = await PrepareShared(config, cancel).ConfigureAwait(false);
        if (prepared.IsLeft) return prepared.ProblemOf();
        var (s, shared) = prepared.ValueOf();
        await using var holder = shared;
        var o = holder.Db;
        var details = new List<string>();
        var where = o?.Session.Where ?? s.Root;
        if (o is not null)
        {
            details.Add($"{where}: {s.Target.Describe(o.Session)}");
            var missing = s.Profile.Missing(s.Shared.Map(p => p.Role).IfNone(""), o.Live);
            details.AddRange(missing.Map(m => $"{where}: {m}"));
            var required = missing.Filter(ProgramProfile.IsRequiredMissing);
            if (!required.IsEmpty) return KitProblems.ProfileMismatch(Name, where, required);
        }
        var firms = await Firms(s, o, cancel, tolerant: true).ConfigureAwait(false);
        // firms whose own databases list them: a firms query that does not fit is named with the rest below
        var listing = firms.IsLeft && o is null ? await Firms(s, o, cancel, tolerant: true, ownRows: false).ConfigureAwait(false) : firms;
        if (listing.IsLeft) return listing.ProblemOf();
        var list = listing.ValueOf();
        var own = 0;
        var lacking = new List<string>();
        var warnings = new List<Problem>();
        var year = DateTime.Today.Year;
        // a sync's check, right before its read: the read's own open of each firm database makes the table test
        foreach (var firm in config.CheckBeforeRead ? [] : list)
            foreach (var place in FirmPlaces(s, firm, year - 10, year).Filter(OwnPlace))
            {
                var opened = await OpenAt(s, place.Database, cancel).ConfigureAwait(false);
                if (opened.IsLeft) { warnings.Add(opened.ProblemOf()); continue; }
                await using var f = opened.ValueOf();
                if (o is null) details.Add($"{place.Database}: {s.Target.Describe(f.Session)}");
                var missing = s.Profile.Missing(place.Role, f.Live).Map(m => $"{place.Database}: {m}");
                details.AddRange(missing);
                lacking.AddRange(missing.Filter(ProgramProfile.IsRequiredMissing));
                own++;
            }
        if (lacking.Count > 0) return KitProblems.ProfileMismatch(Name, where, lacking);
        if (firms.IsLeft) return firms.ProblemOf();
        details.AddRange(list.Select(f => $"firm {f.Firm.FirmKey}: NIP {f.Firm.Nip ?? "-"}, {f.Firm.Name ?? "-"}"));
        var summary = $"{Name}: {list.Count} firms in {where}" + (definition.Layout.SharedRole is "main" ? "" : $"; {own} firm databases open");
        return new CheckReport(summary, details.ToSeq(), warnings.ToSeq());
    }

    public async Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig config, CancellationToken cancel)
    {
        var prepared = await PrepareShared(config, cancel).ConfigureAwait(false);
        if (prepared.IsLeft) return prepared.ProblemOf();
        var (s, shared) = prepared.ValueOf();
        await using var holder = shared;
        var o = holder.Db;
        return (await Firms(s, o, cancel).ConfigureAwait(false)).Map(l => l.Select(f => f.Firm).ToSeq());
    }

    public async Task<Either<Problem, Catalog>> Inspect(ProgramConfig config, CancellationToken cancel)
    {
        var prepared = await PrepareShared(config, cancel).ConfigureAwait(false);
        if (prepared.IsLeft) return prepared.ProblemOf();
        var (s, shared) = prepared.ValueOf();
        var sources = new List<(string, Seq<CatalogColumn>)>();
        List<FirmEntry> firms;
        await using (var holder = shared)
        {
            var o = holder.Db;
            if (o is not null)
            {
                var catalog = await o.Session.Catalog(cancel).ConfigureAwait(false);
                if (catalog.IsLeft) return catalog.ProblemOf();
                sources.Add((o.Session.Where, catalog.ValueOf().ToSeq()));
            }
            firms = (await Firms(s, o, cancel).ConfigureAwait(false)).IfLeft([]);
        }
        var year = DateTime.Today.Year;
        foreach (var place in firms.SelectMany(f => FirmPlaces(s, f, year - 10, year)).Where(OwnPlace))
        {
            var opened = await s.Target.Open(place.Database, cancel).ConfigureAwait(false);
            if (opened.IsLeft) continue;
            await using var session = opened.ValueOf();
            (await session.Catalog(cancel).ConfigureAwait(false)).IfRight(c => sources.Add((place.Database, c.ToSeq())));
        }
        return new Catalog(sources.ToSeq());
    }

    public async IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var prepared = await PrepareShared(config, cancel).ConfigureAwait(false);
        if (prepared.IsLeft)
        {
            foreach (var end in FailAll(plan, prepared.ProblemOf())) yield return end;
            yield break;
        }
        var (s, shared) = prepared.ValueOf();
        await using var holder = shared;
        var o = holder.Db;
        // firms named in their own databases are named below, from the session their groups read
        var ownRows = OwnRowQuery(s);
        var firms = await Firms(s, o, cancel, ownRows: ownRows is null).ConfigureAwait(false);
        var done = new System.Collections.Generic.HashSet<(string, DataKind)>();
        if (o is not null && firms.IsRight)
        {
            var listed = firms.ValueOf().Select(f => f.Firm.FirmKey).ToHashSet(StringComparer.Ordinal);
            foreach (var kind in DataKinds.All)
            {
                if (ReaderOf(kind, config).Case is not KindReader reader || BulkQuery(s, reader) is not { } bulk) continue;
                var items = plan.Items.Filter(i => i.Kinds.Contains(kind) && listed.Contains(i.FirmKey)).ToList();
                if (items.Count == 0) continue;
                // a few firms of many (a sync after a change of a few firms) are read by the all-firms query
                // restricted to them: one pass over the shared table, where a query per firm makes one per
                // firm when no index serves the firm column (Raks's declarations by NIP)
                var some = items.Count < 2 || items.Count * BulkShare < listed.Count;
                await foreach (var r in Bulk(s, o, firms, bulk, reader, kind, items, plan, some, cancel).ConfigureAwait(false))
                    yield return r;
                foreach (var i in items) done.Add((i.FirmKey, kind));
            }
        }
        foreach (var item in plan.Items)
        {
            if (item.Kinds.ForAll(k => done.Contains((item.FirmKey, k)))) continue;
            var firm = firms.MatchUnsafe(l => l.Find(f => f.Firm.FirmKey == item.FirmKey), _ => null);
            if (firms.IsRight && firm is null && !FolderOfFirm(s, item.FirmKey))
            {
                var missing = SourceProblems.FirmMissing(Name, item.FirmKey, o?.Session.Where ?? s.Root);
                foreach (var kind in item.Kinds) yield return new GroupEnd(Program, item.FirmKey, item.Firm, kind, missing);
                continue;
            }
            var entry = firm ?? new FirmEntry(new RawFirm(Program, item.FirmKey, null, null, null, null, null, null, null, null, []), null);
            await using var own = new FirmDatabases(s);
            if (firm is not null && ownRows is not null && LatestOwnPlace(s, entry).Case is Place latest
                && await own.Get(latest.Database, cancel).ConfigureAwait(false) is { IsRight: true } opened)
                entry = (await OwnFirmRow(opened.ValueOf(), s, ownRows, entry, cancel).ConfigureAwait(false)).Entry;
            foreach (var kind in item.Kinds.Filter(k => !done.Contains((item.FirmKey, k))))
                await foreach (var r in Group(s, o, own, firms, entry, item, plan, kind, ReaderOf(kind, config), cancel).ConfigureAwait(false))
                    yield return r;
        }
    }

    /// <summary>
    /// The all-firms query reads a kind for every firm when at least one firm in this many of the listed
    /// ones is planned; fewer planned firms are named in the query (<see cref="QueryRun.Firms"/>).
    /// </summary>
    internal int BulkShare { get; init; } = 20;

    /// <summary>The most firms one run of the restricted all-firms query names; null: as many as its IN list holds.</summary>
    internal int? FirmsPerRun { get; init; }

    /// <summary>
    /// The databases of one firm, opened once on first use and closed after the firm. A sync's check
    /// does not open them (<see cref="ProgramConfig.CheckBeforeRead"/>): a firm database lacking a
    /// table or column fails that firm's groups here, with the read's own problem naming it.
    /// </summary>
    private sealed class FirmDatabases(Setup s) : IAsyncDisposable
    {
        private readonly Dictionary<string, Either<Problem, Open>> _open = new(StringComparer.Ordinal);

        public async Task<Either<Problem, Open>> Get(string database, CancellationToken cancel)
        {
            if (!_open.TryGetValue(database, out var o))
                _open[database] = o = await OpenAt(s, database, cancel).ConfigureAwait(false);
            return o;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var o in _open.Values)
                if (o.IsRight) await o.ValueOf().DisposeAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<SourceRecord> Group(Setup s, Open? shared, FirmDatabases own,
        Either<Problem, List<FirmEntry>> firms, FirmEntry firm, ReadItem item, ReadPlan plan, DataKind kind,
        Either<Problem, KindReader> chosen, [EnumeratorCancellation] CancellationToken cancel)
    {
        GroupEnd End(Problem? p) => new(Program, item.FirmKey, item.Firm, kind, p);
        if (chosen.IsLeft) { yield return End(chosen.ProblemOf()); yield break; }
        var reader = chosen.ValueOf();
        if (reader is KindReader.Unsupported u) { yield return End(SourceProblems.KindUnsupported(Name, kind, u.Why)); yield break; }
        if (reader is KindReader.FromFirms)
        {
            if (firms.IsLeft) { yield return End(firms.ProblemOf()); yield break; }
            yield return new RawBasicData(Program, item.FirmKey, item.Firm, firm.Firm);
            yield return End(null);
            yield break;
        }
        var database = DatabaseOf(s, reader);
        var places = database == s.Shared.Map(p => p.Role).IfNone("")
            ? Seq<Place>.Empty
            : FirmPlaces(s, firm, plan.From.Year, plan.To.Year).Filter(p => p.Role == database);
        var opens = new List<(Open Db, int? Year)>();
        if (definition.NoteMissingYears && definition.Layout.Yearly)
            foreach (var note in MissingYears(s, firm, item, plan, database, places)) yield return note;
        if (places.IsEmpty && definition.Layout.Yearly && (database == "firm" || definition.Layout is Layout.FirmFolders))
        {
            yield return End(null); // no database for the years of the read: the firm has no data for them
            yield break;
        }
        if (places.IsEmpty)
        {
            if (shared is null || database != s.Shared.Map(p => p.Role).IfNone(""))
            {
                yield return End(SourceProblems.KindUnsupported(Name, kind, $"no {database} database for firm {item.FirmKey}"));
                yield break;
            }
            opens.Add((shared, null));
        }
        foreach (var place in places)
        {
            var o = await own.Get(place.Database, cancel).ConfigureAwait(false);
            if (o.IsLeft) { yield return End(o.ProblemOf()); yield break; }
            opens.Add((o.ValueOf(), place.Year));
        }
        foreach (var (o, year) in opens)
        {
            var ctx = new KindContext(definition, s.Profile, o.Session, o.Live, item, plan, year);
            var rows = reader is KindReader.Custom custom
                ? custom.Read(ctx, cancel)
                : Mapped(ctx, (KindReader.Query)reader, cancel);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (row.Fault is not null) { yield return End(row.Fault); yield break; }
                yield return row.Value;
            }
        }
        yield return End(null);
    }

    /// <summary>The database role a query or custom reader reads.</summary>
    private string DatabaseOf(Setup s, KindReader reader) => reader switch
    {
        KindReader.Query q => s.Profile.Query(q.Name).Map(x => x.Database)
            .IfNone(() => throw new KeyNotFoundException($"{Name}: profile has no query {q.Name}")),
        KindReader.Custom c => c.Database,
        _ => throw new InvalidOperationException($"unknown reader {reader}"),
    };

    /// <summary>
    /// The firms' fingerprints (<see cref="IFirmFingerprints"/>): the shared database is opened once and
    /// each kind read there is fingerprinted by the query its profile item <c>fingerprint.&lt;query&gt;</c>
    /// declares (one aggregate query, grouped by the firm column); the firm databases are named, not opened.
    /// </summary>
    public async Task<Option<FirmPrints>> FirmPrints(ProgramConfig config, ReadPlan plan, CancellationToken cancel)
    {
        var setup = Prepare(config);
        if (setup.IsLeft) return Option<FirmPrints>.None;
        var s = setup.ValueOf();
        // what each kind reads decides before anything is opened whether the firms can be fingerprinted
        var sharedRole = s.Shared.Map(p => p.Role).IfNone("");
        var specs = new List<QuerySpec>();
        var own = false;
        foreach (var kind in plan.Items.Bind(i => i.Kinds.ToSeq()).Distinct())
        {
            var chosen = ReaderOf(kind, config);
            if (chosen.IsLeft) return Option<FirmPrints>.None;
            var reader = chosen.ValueOf();
            if (reader is KindReader.FromFirms or KindReader.Unsupported) continue;
            if (DatabaseOf(s, reader) != sharedRole) { own = true; continue; }
            if (BulkQuery(s, reader) is not { } spec || !s.Profile.Has("fingerprint." + spec.Name))
                return Option<FirmPrints>.None;
            if (!specs.Exists(x => x.Name == spec.Name)) specs.Add(spec);
        }
        var opened = await OpenShared(s, cancel).ConfigureAwait(false);
        if (opened.IsLeft) return Option<FirmPrints>.None;
        await using var holder = opened.ValueOf();
        var o = holder.Db;
        if (o is null && specs.Count > 0) return Option<FirmPrints>.None;
        var firms = await Firms(s, o, cancel).ConfigureAwait(false);
        if (firms.IsLeft) return Option<FirmPrints>.None;
        var lines = new Dictionary<(string Query, string Firm), List<string>>();
        var run = new QueryRun("", default!, plan.From, plan.To); // every firm of the run's months
        foreach (var spec in specs)
        {
            var rows = o!.Session.FirmFingerprints(spec, s.Profile, o.Live, run, Name, cancel);
            if (rows is null) return Option<FirmPrints>.None;
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (row.Fault is not null) return Option<FirmPrints>.None;
                var stored = row.Value.Text(QueryText.FirmField);
                if (FirmMatch(spec, stored) is not { } key) continue;
                var at = (spec.Name, key);
                (lines.TryGetValue(at, out var l) ? l : lines[at] = []).Add($"{stored}\t{row.Value.Text(QueryText.FingerprintField)}");
            }
        }
        var listed = firms.ValueOf();
        var sharedPrints = LanguageExt.Map<string, string>.Empty;
        var files = LanguageExt.Map<string, Seq<string>>.Empty;
        foreach (var item in plan.Items)
        {
            var texts = specs.Select(spec => ItemKey(spec, item) is { } key
                ? spec.Name + "=" + string.Join(";", (lines.TryGetValue((spec.Name, key), out var l) ? l : []).Order(StringComparer.Ordinal))
                : null).ToList();
            if (texts.All(t => t is not null)) sharedPrints = sharedPrints.AddOrUpdate(item.FirmKey, string.Join("\n", texts));
            var entry = listed.Find(f => f.Firm.FirmKey == item.FirmKey);
            if (entry is null) continue;
            var places = own ? FirmPlaces(s, entry, plan.From.Year, plan.To.Year).Filter(OwnPlace).Map(p => p.Database) : Seq<string>.Empty;
            if (definition.Engine.Files || places.IsEmpty)
            {
                files = files.AddOrUpdate(item.FirmKey, places);
                continue;
            }
            // a firm's own databases on a server: their change markers join its shared text (a marker that
            // cannot be read leaves the firm without a fingerprint, so it is read)
            files = files.AddOrUpdate(item.FirmKey, Seq<string>.Empty);
            if (sharedPrints.Find(item.FirmKey).Case is not string text) continue;
            var (markers, engineHasNone) = await ServerMarkers(s, places, cancel).ConfigureAwait(false);
            if (engineHasNone) return Option<FirmPrints>.None;
            sharedPrints = markers is null ? sharedPrints.Remove(item.FirmKey)
                : sharedPrints.AddOrUpdate(item.FirmKey, text + "\n" + markers);
        }
        return new FirmPrints(sharedPrints, files);
    }

    /// <summary>
    /// The change markers of a firm's own server databases (<see cref="DatabaseMarker"/>), one block each;
    /// null when one cannot be read, and EngineHasNone when the engine has no marker (no firm can be fingerprinted).
    /// </summary>
    private static async Task<(string? Text, bool EngineHasNone)> ServerMarkers(Setup s, Seq<string> databases, CancellationToken cancel)
    {
        var blocks = new List<string>();
        foreach (var database in databases)
        {
            var opened = await s.Target.Open(database, cancel).ConfigureAwait(false);
            if (opened.IsLeft) return (null, false);
            await using var db = opened.ValueOf();
            if (db is not SqlDatabase sql || !DatabaseMarker.Has(sql.Session.Dialect)) return (null, true);
            var marker = await DatabaseMarker.Read(sql.Session, cancel).ConfigureAwait(false);
            if (marker.IsLeft) return (null, false);
            blocks.Add($"{database}\n{marker.ValueOf()}");
        }
        return (string.Join("\n", blocks), false);
    }

    /// <summary>The firm a stored firm column names, as the all-firms read matches it: a NIP's digits, a firm number, or the key.</summary>
    private static string? FirmMatch(QuerySpec spec, string? value) =>
        value is null ? null
        : spec.Firm is FirmFilter.ByNip ? QueryText.NipOfSpelling(value)
        : spec.Firm is FirmFilter.ByKey { Number: true }
            ? long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null
        : value;

    /// <summary>The value <see cref="FirmMatch"/> gives for the rows of a planned firm.</summary>
    private static string? ItemKey(QuerySpec spec, ReadItem item) =>
        spec.Firm is FirmFilter.ByNip ? item.Firm.Value
        : spec.Firm is FirmFilter.ByKey { Number: true } ? FirmMatch(spec, item.FirmKey)
        : item.FirmKey;

    /// <summary>
    /// A note for each year of the plan the firm's folder has no database for, when it has one for another
    /// year (a firm the part does not hold at all gets none), at the plan's first month of that year.
    /// </summary>
    private Seq<RawMonthNote> MissingYears(Setup s, FirmEntry firm, ReadItem item, ReadPlan plan, string database, Seq<Place> places)
    {
        var known = FirmPlaces(s, firm, plan.From.Year - 10, plan.To.Year + 10).Filter(p => p.Role == database);
        if (known.IsEmpty) return [];
        var folder = Path.GetDirectoryName(known.Head.Database) ?? s.Root;
        return Enumerable.Range(plan.From.Year, plan.To.Year - plan.From.Year + 1)
            .Where(y => !places.Exists(p => p.Year == y))
            .Select(y =>
            {
                var month = y == plan.From.Year ? plan.From.Month : 1;
                var (note, remedy) = KitProblems.YearMissing(Name, y, folder);
                return new RawMonthNote(Program, item.FirmKey, item.Firm, y, month, note, remedy);
            }).ToSeq();
    }

    /// <summary>
    /// The profile query a kind reads for every firm at once: a query reader's (or a custom reader's
    /// named query) on the layout's shared database, with a firm filter; else null.
    /// </summary>
    private static QuerySpec? BulkQuery(Setup s, KindReader reader)
    {
        var name = reader switch
        {
            KindReader.Query q => q.Name,
            KindReader.Custom { AllFirmsQuery: { } query } c when c.Database == s.Shared.Map(p => p.Role).IfNone("") => query,
            _ => null,
        };
        if (name is null || s.Profile.Query(name).Case is not QuerySpec spec) return null;
        return spec.Firm is not null && spec.Database == s.Shared.Map(p => p.Role).IfNone("") ? spec : null;
    }

    /// <summary>
    /// One kind for many firms with one query on the shared database, ordered by firm: each firm's
    /// rows are gathered (one firm at a time in memory), read as the firm's group and closed with
    /// its GroupEnd; a firm without rows gets an empty group. With <paramref name="some"/> the query
    /// names the planned firms (in runs of at most <see cref="QueryText.FirmsPerRestrictedRun"/>) and
    /// reads only their rows. When the database cannot read many firms at once, or the query fails,
    /// the firms not yet closed are read one by one, so a failure stays with the firm it belongs to.
    /// </summary>
    private async IAsyncEnumerable<SourceRecord> Bulk(Setup s, Open shared, Either<Problem, List<FirmEntry>> firms,
        QuerySpec spec, KindReader reader, DataKind kind, List<ReadItem> items, ReadPlan plan, bool some,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        string? Match(string? value) => FirmMatch(spec, value);
        string? KeyOf(ReadItem i) => ItemKey(spec, i);
        var wanted = new Dictionary<string, List<ReadItem>>(StringComparer.Ordinal);
        foreach (var i in items)
            if (KeyOf(i) is { } k) (wanted.TryGetValue(k, out var l) ? l : wanted[k] = []).Add(i);
        var closed = new System.Collections.Generic.HashSet<ReadItem>();
        // the firm of an all-firms run is not used; a restricted run names its firms
        var runs = some
            ? wanted.Keys.Chunk(Math.Min(FirmsPerRun ?? int.MaxValue, QueryText.FirmsPerRestrictedRun(spec.Firm!)))
                .Select(c => new QueryRun("", default!, plan.From, plan.To, c)).ToList()
            : [new QueryRun("", default!, plan.From, plan.To)];
        var failed = false;
        foreach (var run in runs)
        {
            var rows = shared.Session.AllFirmsRows(spec, s.Profile, shared.Live, run, Name, cancel);
            if (rows is null) { failed = true; break; }
            string? current = null;
            var gathered = new List<SourceRow>();
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (row.Fault is not null) { failed = true; break; }
                var key = Match(row.Value.Text(QueryText.FirmField));
                if (key is null || !wanted.ContainsKey(key)) continue;
                if (key != current)
                {
                    if (current is not null)
                        await foreach (var r in Groups(wanted[current], gathered).ConfigureAwait(false)) yield return r;
                    if (wanted[key].Exists(closed.Contains))
                        throw new InvalidOperationException($"{Name}: rows of firm {key} in {spec.Name} are not together");
                    (current, gathered) = (key, []);
                }
                gathered.Add(row.Value);
            }
            if (failed) break;
            if (current is not null)
                await foreach (var r in Groups(wanted[current], gathered).ConfigureAwait(false)) yield return r;
        }
        foreach (var item in items.Where(i => !closed.Contains(i)))
        {
            if (!failed && KeyOf(item) is not null) { yield return new GroupEnd(Program, item.FirmKey, item.Firm, kind, null); continue; }
            var entry = firms.ValueOf().Find(f => f.Firm.FirmKey == item.FirmKey)!;
            await using var own = new FirmDatabases(s);
            await foreach (var r in Group(s, shared, own, firms, entry, item, plan, kind, Prelude.Right<Problem, KindReader>(reader), cancel).ConfigureAwait(false))
                yield return r;
        }

        async IAsyncEnumerable<SourceRecord> Groups(List<ReadItem> firmItems, List<SourceRow> firmRows)
        {
            foreach (var item in firmItems)
            {
                closed.Add(item);
                await foreach (var r in FirmGroup(s, shared, item, plan, kind, reader, spec, firmRows, cancel).ConfigureAwait(false))
                    yield return r;
            }
        }
    }

    /// <summary>A firm's group from its rows of an all-firms read: the kind's reader over them, then the GroupEnd.</summary>
    private async IAsyncEnumerable<SourceRecord> FirmGroup(Setup s, Open shared, ReadItem item, ReadPlan plan, DataKind kind,
        KindReader reader, QuerySpec spec, IReadOnlyList<SourceRow> rows, [EnumeratorCancellation] CancellationToken cancel)
    {
        var ctx = new KindContext(definition, s.Profile, shared.Session, shared.Live, item, plan)
        {
            Prefetched = new Dictionary<string, IReadOnlyList<SourceRow>>(StringComparer.Ordinal) { [spec.Name] = rows },
        };
        var produced = reader switch
        {
            KindReader.Custom c => c.Read(ctx, cancel),
            KindReader.Query q => Mapped(ctx, q, cancel),
            var other => throw new InvalidOperationException($"{Name}: no all-firms read for {other}"),
        };
        await foreach (var row in produced.ConfigureAwait(false))
        {
            if (row.Fault is not null)
            {
                yield return new GroupEnd(Program, item.FirmKey, item.Firm, kind, row.Fault);
                yield break;
            }
            yield return row.Value;
        }
        yield return new GroupEnd(Program, item.FirmKey, item.Firm, kind, null);
    }

    private static async IAsyncEnumerable<Streamed<SourceRecord>> Mapped(KindContext ctx, KindReader.Query q,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var pivot = ctx.Profile.Query(q.Name).Map(x => x.Pivot is not null).IfNone(false);
        var pivotRows = new List<SourceRow>();
        await foreach (var row in ctx.Rows(q.Name, cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new Streamed<SourceRecord>(null!, row.Fault); yield break; }
            if (pivot) pivotRows.Add(row.Value);
            else yield return new Streamed<SourceRecord>(q.Map(ctx.Item, row.Value), null);
        }
        if (pivot && pivotRows.Count > 0)
        {
            var spec = ctx.Profile.Query(q.Name).IfNone(() => throw new KeyNotFoundException(q.Name));
            var folded = QueryText.Pivot(spec.Pivot!, pivotRows);
            yield return new Streamed<SourceRecord>(q.Map(ctx.Item, folded), null);
        }
    }

    private IEnumerable<GroupEnd> FailAll(ReadPlan plan, Problem problem) =>
        plan.Items.SelectMany(i => i.Kinds.Select(k => new GroupEnd(Program, i.FirmKey, i.Firm, k, problem)));
}
