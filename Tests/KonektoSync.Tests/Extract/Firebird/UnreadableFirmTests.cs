using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Tests.Host;
using LanguageExt;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>A firm database that cannot be opened: opened once per sync, and `programs check` warns.</summary>
[Collection("Firebird")]
public sealed class UnreadableFirmTests(FirebirdFixture fb)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The real engine, counting every open per database.</summary>
    private sealed class CountingEngine(ISourceEngine inner) : ISourceEngine
    {
        public Dictionary<string, int> Opens { get; } = new(StringComparer.Ordinal);
        public string Name => inner.Name;
        public string LocationSetting => inner.LocationSetting;
        public bool Files => inner.Files;
        public IReadOnlyList<SettingSpec> Settings(string pathDescription) => inner.Settings(pathDescription);
        public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
            inner.Target(program, config).Map(t => (ISourceTarget)new Counting(t, Opens));

        private sealed class Counting(ISourceTarget t, Dictionary<string, int> opens) : ISourceTarget
        {
            public Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
            {
                lock (opens) opens[database] = opens.GetValueOrDefault(database) + 1;
                return t.Open(database, cancel);
            }
            public string Describe(ISourceDatabase database) => t.Describe(database);
            public string Combine(string root, string name) => t.Combine(root, name);
            public Seq<string> List(string root) => t.List(root);
            public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) => t.Databases(root, cancel);
        }
    }

    private string Damaged()
    {
        var copy = fb.Copy(fb.RaksFolder, "damaged");
        File.WriteAllBytes(Path.Combine(copy, "F00002.fdb"), new byte[16384]);
        return copy;
    }

    [Theory, InlineData("embedded"), InlineData("server")]
    public async Task A_firm_database_that_cannot_be_opened_is_opened_once_for_a_check_and_a_read(string mode)
    {
        var copy = Damaged();
        var engine = new CountingEngine(RaksProgram.Definition.Engine);
        var raks = new ProgramDriver(RaksProgram.Definition with { Engine = engine }, DetectPlaces.None);
        var config = Config(ProgramId.Raks, copy, mode);
        var firms = fb.Raks.Firms.Select(f => (f.FirmKey, f.Nip.Replace("-", "")))
            .Where(f => KonektoSync.Domain.Nip.Create(f.Item2).IsSuccess).ToList();
        Assert.Contains(firms, f => f.FirmKey == "2");

        Right(await raks.Check(config, None));
        Right(await raks.Discover(config, None));
        var records = await All(raks.Read(config, Plan(firms, 1, 12, DataKind.Zus, DataKind.Taxes), None));

        var damaged = Path.Combine(copy, "F00002.fdb");
        Assert.Equal(1, engine.Opens[damaged]);
        Assert.Contains(records.OfType<GroupEnd>(), e => e.FirmKey == "2" && e.Failure?.Code == "firebird.not-a-database");
    }

    [Fact]
    public async Task Programs_check_warns_about_a_firm_database_that_cannot_be_opened_and_exits_1()
    {
        using var cli = new CliRunner();
        var copy = Damaged();

        Assert.Equal(0, (await cli.RunAsync(["init"])).Exit);
        Assert.Equal(0, (await cli.RunAsync(["programs", "set", "raks", $"path={copy}", "serverType=embedded", "user=SYSDBA"])).Exit);
        var check = await cli.RunAsync(["programs", "check"]);

        Assert.Equal(1, check.Exit);
        Assert.Contains("raks: warning:", check.Out);
        Assert.Contains("F00002.fdb", check.Out);
        Assert.DoesNotContain("raks: works", check.Out);
    }
}
