using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>
/// The contract every connector passes, run against its sample writer's data on its real engine.
/// A connector's test class derives from this and says where its sample is, how to configure it,
/// and how to break a copy of it (drop a table, rename a column, remove a firm).
/// </summary>
public abstract class ConnectorContract(FirebirdFixture fb)
{
    protected static readonly CancellationToken None = CancellationToken.None;
    private const string WrongPassword = "Tajne-Hasło-7731";

    protected FirebirdFixture Fb => fb;

    /// <summary>The connector, looking for its data only in <paramref name="places"/>.</summary>
    protected abstract IProgramConnector Connector(DetectPlaces places);

    /// <summary>The sample written by the program's sample writer (once per test run).</summary>
    protected abstract Task<(string Folder, SampleInfo Info)> Sample();

    /// <summary>"server" or "embedded".</summary>
    protected abstract string Mode { get; }

    protected virtual ProgramConfig Config(string folder, string? password = Password, string? profileDir = null) =>
        FirebirdFixture.Config(Connector(DetectPlaces.None).Program, folder, Mode, password, profileDir: profileDir);

    /// <summary>Makes one firm of a copy of the sample unreadable (its database gone, its row deleted).</summary>
    protected abstract Task BreakFirm(string copy, SampleFirmInfo firm);

    /// <summary>A table the taxes read needs: the database file it is in (relative to the folder) and its name.</summary>
    protected abstract (string File, string Table) TaxesTable { get; }

    /// <summary>The data kind whose read needs <see cref="TaxesTable"/> (a program without taxes names another).</summary>
    protected virtual DataKind TableKind => DataKind.Taxes;

    /// <summary>
    /// A required column of the firms list: the file, table and column, and the profile item that
    /// names it (e.g. "column.firms.nip").
    /// </summary>
    protected abstract (string File, string Table, string Column, string Item) FirmColumn { get; }

    /// <summary>A copy of the sample a test may break; returns its location (a folder, a catalog database).</summary>
    protected virtual async Task<string> Copy(string name) => Fb.Copy(await Folder(), name);

    /// <summary>Runs DDL on one database of a copy ("file" as the test's descriptors name it).</summary>
    protected virtual Task Alter(string copy, string file, string sql) => Execute(Path.Combine(copy, file), sql);

    protected virtual string DropColumn(string table, string column) => $"ALTER TABLE {table} DROP {column}";
    protected virtual string RenameColumn(string table, string column, string to) => $"ALTER TABLE {table} ALTER COLUMN {column} TO {to}";

    /// <summary>Where detect should find the sample, where it should find nothing, and the setting it proposes.</summary>
    protected virtual (DetectPlaces Found, DetectPlaces Elsewhere, string Key) DetectCase(string folder) =>
        (new DetectPlaces(["/nowhere/at/all", folder], []), new DetectPlaces([Fb.Root], []), "path");

    private async Task<SampleInfo> Info() => (await Sample()).Info;
    private async Task<string> Folder() => (await Sample()).Folder;

    private static bool Valid(SampleFirmInfo f) => KonektoSync.Domain.Nip.Create(f.Nip.Replace("-", "")).IsSuccess;

    private static ReadPlan PlanOf(IEnumerable<SampleFirmInfo> firms, int year, params DataKind[] kinds) =>
        new(firms.Select(f => new ReadItem(f.FirmKey, FirebirdFixture.Nip(f.Nip.Replace("-", "")), LanguageExt.Prelude.toSet(kinds)))
            .ToSeq(), Month(year, 1), Month(year, 12));

    private async Task<ReadPlan> FullPlan(params SampleFirmInfo[] extra)
    {
        var info = await Info();
        return PlanOf(info.Firms.Where(Valid).Concat(extra), Year, DataKinds.All);
    }

    private IProgramConnector Connector() => Connector(DetectPlaces.None);

    [Fact]
    public async Task Every_planned_firm_and_kind_ends_exactly_once_after_its_records()
    {
        var stranger = new SampleFirmInfo("999", "5213000009", "not in the source");
        var plan = await FullPlan(stranger);

        var records = await All(Connector().Read(Config(await Folder()), plan, None));

        var ends = records.OfType<GroupEnd>().Select(e => (e.FirmKey, e.Kind)).ToList();
        var planned = plan.Items.SelectMany(i => i.Kinds.Select(k => (i.FirmKey, k))).ToList();
        Assert.Equal(planned.OrderBy(x => x).ToList(), ends.OrderBy(x => x).ToList());
        Assert.All(records.OfType<GroupEnd>().Where(e => e.FirmKey == stranger.FirmKey),
            e => Assert.Equal("program.firm-missing", e.Failure!.Code));
        Assert.Single(records.OfType<GroupEnd>().Where(e => e.FirmKey == stranger.FirmKey).Select(e => e.Failure).Distinct());
        Assert.Contains(records, r => r is not GroupEnd);
    }

    [Fact]
    public async Task A_group_s_records_come_before_its_end_and_never_after_it()
    {
        var records = await All(Connector().Read(Config(await Folder()), await FullPlan(), None));

        var ended = new HashSet<(string, DataKind?)>();
        foreach (var r in records)
        {
            if (r is GroupEnd e) { Assert.True(ended.Add((e.FirmKey, e.Kind))); continue; }
            Assert.DoesNotContain((r.FirmKey, KindOf(r)), ended);
        }
    }

    private static DataKind? KindOf(SourceRecord r) => r switch
    {
        RawBasicData => DataKind.Basic,
        RawDeclaration => DataKind.Taxes,
        RawZusDeclaration => DataKind.Zus,
        RawTrialBalanceLine => DataKind.Statements,
        _ => null, // a report holds taxes or ZUS: its group is told by its end
    };

    [Fact]
    public async Task A_failing_firm_leaves_the_other_firms_loaded()
    {
        var info = await Info();
        var firms = info.Firms.Where(Valid).ToList();
        var broken = firms[^1];
        var copy = await Copy("broken-firm");
        await BreakFirm(copy, broken);
        var plan = PlanOf(firms, Year, DataKinds.All);

        var whole = await All(Connector().Read(Config(await Folder()), plan, None));
        var records = await All(Connector().Read(Config(copy), plan, None));

        var failed = records.OfType<GroupEnd>().Where(e => e.Failure is not null).ToList();
        Assert.Contains(failed, e => e.FirmKey == broken.FirmKey);
        var others = firms.Where(f => f != broken).Select(f => f.FirmKey).ToHashSet();
        Assert.Equal(
            whole.Where(r => others.Contains(r.FirmKey)).Select(Canon).ToList(),
            records.Where(r => others.Contains(r.FirmKey)).Select(Canon).ToList());
        Assert.Contains(records, r => others.Contains(r.FirmKey) && r is not GroupEnd);
    }

    [Fact]
    public async Task A_missing_table_gives_one_clear_problem_naming_it()
    {
        var copy = await Copy("no-table");
        var (file, table) = TaxesTable;
        await Alter(copy, file, $"DROP TABLE {table}");
        var firms = (await Info()).Firms.Where(Valid).Take(2).ToList();

        var records = await All(Connector().Read(Config(copy), PlanOf(firms, Year, TableKind), None));
        var check = Left(await Connector().Check(Config(copy), None));

        var problems = records.OfType<GroupEnd>().Select(e => e.Failure).ToList();
        Assert.Equal(firms.Count, problems.Count);
        Assert.All(problems, p =>
        {
            Assert.Equal("source.table-missing", p!.Code);
            Assert.Contains(table, p.Args);
        });
        Assert.Equal("program.check", check.Code);
        Assert.Contains($"table {table} missing", check.Message);
    }

    [Fact]
    public async Task A_missing_column_gives_one_clear_problem_naming_it()
    {
        var copy = await Copy("no-column");
        var (file, table, column, _) = FirmColumn;
        await Alter(copy, file, DropColumn(table, column));

        var discover = Left(await Connector().Discover(Config(copy), None));
        var check = Left(await Connector().Check(Config(copy), None));

        Assert.Equal("source.column-missing", discover.Code);
        Assert.Contains(column, discover.Args);
        Assert.Contains($"column {table}.{column} missing", check.Message);
    }

    [Fact]
    public async Task A_read_abandoned_early_leaves_the_next_read_whole()
    {
        var config = Config(await Folder());
        var plan = await FullPlan();
        var first = await All(Connector().Read(config, plan, None));
        await foreach (var _ in Connector().Read(config, plan, None)) break;

        var again = await All(Connector().Read(config, plan, None));

        Assert.Equal(first.Select(Canon), again.Select(Canon));
        Assert.True(first.Count > plan.Items.Count);
    }

    [Fact]
    public async Task A_profile_override_renames_a_column()
    {
        var copy = await Copy("renamed");
        var (file, table, column, item) = FirmColumn;
        await Alter(copy, file, RenameColumn(table, column, column + "_X"));
        var dir = NewFolder(Path.Combine(Fb.Root, "profiles-" + Guid.NewGuid().ToString("N")[..6]));
        File.WriteAllText(Path.Combine(dir, ProfileCode + ".profile.json"),
            $$"""{ "items": { "{{item}}": { "value": "{{column}}_X" } } }""");

        var without = Left(await Connector().Discover(Config(copy), None));
        var with = Right(await Connector().Discover(Config(copy, profileDir: dir), None));
        var original = Right(await Connector().Discover(Config(await Folder()), None));

        Assert.Equal("source.column-missing", without.Code);
        Assert.Contains($"lacks columns {column}", without.Message);
        Assert.Equal(original, with);
    }

    /// <summary>The right password, when it is a text no message has a reason to show (not the user's name).</summary>
    protected virtual string? RightPassword => Password;

    /// <summary>The name of the program's profile override file: &lt;code&gt;.profile.json.</summary>
    protected virtual string ProfileCode => Connector().Program.Code();

    /// <summary>A record as text, with the items of a report (records compare lists by reference).</summary>
    private static string Canon(SourceRecord r) => r switch
    {
        RawReport report => report + string.Concat(report.Items.Select(i => "|" + i)),
        _ => r.ToString(),
    };

    [Fact]
    public async Task No_secret_appears_in_any_problem_or_report()
    {
        var folder = await Folder();
        var wrong = Config(folder, WrongPassword);
        var right = Config(folder);
        var c = Connector();

        var texts = new List<string>();
        var problems = 0;
        void Add(Problem p) { problems++; texts.Add(p.Message); texts.AddRange(p.Args); texts.Add(p.ToString()); }
        (await c.Discover(wrong, None)).IfLeft(Add);
        (await c.Inspect(wrong, None)).IfLeft(Add);
        (await c.Check(wrong, None)).IfLeft(Add);
        (await c.Discover(Config(Path.Combine(folder, "absent"), WrongPassword), None)).IfLeft(Add);
        foreach (var e in (await All(c.Read(wrong, await FullPlan(), None))).OfType<GroupEnd>())
            if (e.Failure is not null) Add(e.Failure);
        var report = Right(await c.Check(right, None));
        texts.Add(report.Summary);
        texts.AddRange(report.Details);
        texts.AddRange(c.Settings.Select(s => s.Description));

        // the server refuses the login (the embedded engine takes any password); an absent folder fails in both modes
        Assert.True(problems >= (Mode == "server" ? 4 : 1), $"{problems} problems");
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain(WrongPassword, t);
            if (RightPassword is { } right) Assert.DoesNotContain(right, t);
            Assert.DoesNotContain("Password=", t, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>
    /// False for a program no file on this machine names (Insert nexo: its server is found by the server
    /// discovery): detect then proposes nothing from any place, the sample's included.
    /// </summary>
    protected virtual bool DetectsFromPlaces => true;

    [Fact]
    public async Task Detect_finds_the_sample_in_its_default_place_and_nothing_elsewhere()
    {
        var folder = await Folder();
        var (places, elsewhere, key) = DetectCase(folder);

        var found = await Connector(places).Detect(None);
        var none = await Connector(elsewhere).Detect(None);

        if (!DetectsFromPlaces || !DetectsHere)
        {
            Assert.Empty(found);
            Assert.Empty(none);
            return;
        }

        Assert.Equal(folder, Assert.Single(found).Get(key));
        Assert.Empty(none);
    }

    /// <summary>
    /// False for a program found only in a store this machine lacks (Płatnik's SQL Server database,
    /// named by a Windows registry key): detect must then propose nothing.
    /// </summary>
    protected virtual bool DetectsHere => true;

    [Fact]
    public async Task Check_lists_the_firms_and_finds_nothing_missing()
    {
        var report = Right(await Connector().Check(Config(await Folder()), None));

        var firms = (await Info()).Firms;
        Assert.Contains($"{firms.Count} firms", report.Summary);
        Assert.All(firms, f => Assert.Contains($"firm {f.FirmKey}: NIP {f.Nip}, {f.Name}", report.Details));
        Assert.DoesNotContain(report.Details, d => d.EndsWith(" missing", StringComparison.Ordinal));
    }
}
