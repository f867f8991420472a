using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>
/// Reading many firms at once (one query per kind on the shared database, split by firm) gives
/// every firm exactly the groups that reading the firm alone gives, on the Raks and Fakt samples.
/// </summary>
[Collection("Firebird")]
public sealed class BulkReadTests(FirebirdFixture fb)
{
    private static readonly DataKind[] Kinds = [DataKind.Basic, DataKind.Taxes, DataKind.Zus, DataKind.Statements];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reading_all_firms_together_gives_each_firm_the_groups_of_reading_it_alone(bool raks)
    {
        var (connector, program, folder) = raks
            ? (RaksProgram.Connector(DetectPlaces.None), ProgramId.Raks, fb.Copy(fb.RaksFolder, "bulk-raks"))
            : (FaktProgram.Connector(DetectPlaces.None), ProgramId.Fakt, fb.FaktFolder);
        if (raks)
        {
            // the shared firm's declarations also under other spellings: one the per-firm filter matches
            // (dashes) and one it does not (digits grouped wrongly), which must be left out in both reads
            await Execute(Path.Combine(folder, "Raks3000.fdb"),
                "INSERT INTO R3_DEKLARACJE (ID, DATA_DEKLARACJI, ID_DEFINICJI_DEKLARACJI, NIP, PODATEK, C_DATE) " +
                $"SELECT 900001, DATE '{Year}-05-31', ID, '526-025-09-95', 12.34, TIMESTAMP '{Year}-06-10 08:00:00' FROM R3_DEFINICJE_DEKLARACJI WHERE NAZWA = 'CIT-8'");
            await Execute(Path.Combine(folder, "Raks3000.fdb"),
                "INSERT INTO R3_DEKLARACJE (ID, DATA_DEKLARACJI, ID_DEFINICJI_DEKLARACJI, NIP, PODATEK, C_DATE) " +
                $"SELECT 900002, DATE '{Year}-05-31', ID, '52-60250995', 56.78, TIMESTAMP '{Year}-06-10 08:00:00' FROM R3_DEFINICJE_DEKLARACJI WHERE NAZWA = 'CIT-8'");
        }
        var config = Config(program, folder, "embedded");
        var firms = Right(await connector.Discover(config, CancellationToken.None))
            .Filter(f => KonektoSync.Domain.Nip.Create(f.Nip).IsSuccess)
            .Map(f => (f.FirmKey, KonektoSync.Domain.Nip.Create(f.Nip).Match(n => n.Value, _ => "")))
            .ToList();
        Assert.True(firms.Count >= 3);

        var together = Groups(await All(connector.Read(config, Plan(firms, 1, 12, Kinds), CancellationToken.None)));

        var expected = new Dictionary<(string, DataKind), string>();
        foreach (var firm in firms)
            foreach (var (key, group) in Groups(await All(connector.Read(config, Plan([firm], 1, 12, Kinds), CancellationToken.None))))
                expected[key] = group;
        Assert.Equal(expected.Count, together.Count);
        foreach (var (key, group) in expected) Assert.Equal(group, together[key]);
        if (raks)
        {
            var shared = together[(firms.Single(f => f.Item2 == FirebirdFixture.Shared.Nip).FirmKey, DataKind.Taxes)];
            Assert.Contains("12.34", shared);
            Assert.DoesNotContain("56.78", shared);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task When_the_all_firms_query_fails_the_firms_not_yet_closed_are_read_one_by_one(int rowsBeforeFault)
    {
        var definition = RaksProgram.Definition with { Engine = new FailingBulk(FirebirdEngine.Instance, rowsBeforeFault) };
        var failing = new ProgramDriver(definition, DetectPlaces.None);
        var plain = RaksProgram.Connector(DetectPlaces.None);
        var config = Config(ProgramId.Raks, fb.RaksFolder, "embedded");
        var firms = Right(await plain.Discover(config, CancellationToken.None))
            .Filter(f => KonektoSync.Domain.Nip.Create(f.Nip).IsSuccess)
            .Map(f => (f.FirmKey, KonektoSync.Domain.Nip.Create(f.Nip).Match(n => n.Value, _ => "")))
            .ToList();
        var plan = Plan(firms, 1, 12, DataKind.Taxes);

        var expected = Groups(await All(plain.Read(config, plan, CancellationToken.None)));
        var actual = Groups(await All(failing.Read(config, plan, CancellationToken.None)));

        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, group) in expected) Assert.Equal(group, actual[key]);
        Assert.All(actual.Values, g => Assert.EndsWith("end ", g));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reading_a_few_firms_through_the_restricted_query_gives_the_records_of_reading_them_one_by_one(bool raks)
    {
        var (definition, program, folder) = raks
            ? (RaksProgram.Definition, ProgramId.Raks, fb.Copy(fb.RaksFolder, "some-raks"))
            : (FaktProgram.Definition, ProgramId.Fakt, fb.FaktFolder);
        if (raks)
            // the shared firm's declarations also under the spellings with dashes and with spaces (matched),
            // and with the digits grouped wrongly (left out)
            foreach (var (id, nip, amount) in new[] { (900001, "526-025-09-95", "12.34"), (900002, "526 025 09 95", "43.21"), (900003, "52-60250995", "56.78") })
                await Execute(Path.Combine(folder, "Raks3000.fdb"),
                    "INSERT INTO R3_DEKLARACJE (ID, DATA_DEKLARACJI, ID_DEFINICJI_DEKLARACJI, NIP, PODATEK, C_DATE) " +
                    $"SELECT {id}, DATE '{Year}-05-31', ID, '{nip}', {amount}, TIMESTAMP '{Year}-06-10 08:00:00' FROM R3_DEFINICJE_DEKLARACJI WHERE NAZWA = 'CIT-8'");
        // every plan is "a few firms", read in runs of two firms
        var restricted = new ProgramDriver(definition, DetectPlaces.None) { BulkShare = 1000, FirmsPerRun = 2 };
        var oneByOne = new ProgramDriver(definition with { Engine = new FailingBulk(FirebirdEngine.Instance, null) }, DetectPlaces.None);
        var config = Config(program, folder, "embedded");
        var firms = Right(await restricted.Discover(config, CancellationToken.None))
            .Filter(f => KonektoSync.Domain.Nip.Create(f.Nip).IsSuccess)
            .Map(f => (f.FirmKey, KonektoSync.Domain.Nip.Create(f.Nip).Match(n => n.Value, _ => "")))
            .ToList();
        Assert.True(firms.Count >= 4);
        // a subset: every firm but one (not the shared firm), so that the restricted runs must leave out a firm's rows
        var left = firms.First(f => f.Item2 != FirebirdFixture.Shared.Nip);
        var plan = Plan(firms.Where(f => f != left), 1, 12, Kinds);

        var expected = Groups(await All(oneByOne.Read(config, plan, CancellationToken.None)));
        var actual = Groups(await All(restricted.Read(config, plan, CancellationToken.None)));

        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, group) in expected) Assert.Equal(group, actual[key]);
        Assert.DoesNotContain(actual.Keys, k => k.Item1 == left.FirmKey);
        Assert.Contains(actual, g => g.Key.Item2 == DataKind.Taxes && g.Value.Split('\n').Length > 2);
        if (raks)
        {
            var shared = actual[(firms.Single(f => f.Item2 == FirebirdFixture.Shared.Nip).FirmKey, DataKind.Taxes)];
            Assert.Contains("12.34", shared);
            Assert.Contains("43.21", shared);
            Assert.DoesNotContain("56.78", shared);
        }
    }

    /// <summary>
    /// An engine whose all-firms reads fail after some rows (a driver error mid-stream), or, with null,
    /// cannot read many firms at once (the driver reads firm by firm); everything else is the inner engine's.
    /// </summary>
    private sealed class FailingBulk(ISourceEngine inner, int? rows) : ISourceEngine
    {
        public string Name => inner.Name;
        public string LocationSetting => inner.LocationSetting;
        public bool Files => inner.Files;
        public IReadOnlyList<SettingSpec> Settings(string pathDescription) => inner.Settings(pathDescription);
        public LanguageExt.Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
            inner.Target(program, config).Map(t => (ISourceTarget)new WrappedTarget(t, rows));

        private sealed class WrappedTarget(ISourceTarget t, int? rows) : ISourceTarget
        {
            public async Task<LanguageExt.Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel) =>
                (await t.Open(database, cancel)).Map(d => (ISourceDatabase)new Database(d, rows));
            public string Describe(ISourceDatabase database) => t.Describe(((Database)database).Inner);
            public string Combine(string root, string name) => t.Combine(root, name);
            public LanguageExt.Seq<string> List(string root) => t.List(root);
            public Task<LanguageExt.Either<Problem, LanguageExt.Seq<string>>> Databases(string root, CancellationToken cancel) =>
                t.Databases(root, cancel);
        }

        private sealed class Database(ISourceDatabase d, int? rows) : ISourceDatabase
        {
            public ISourceDatabase Inner => d;
            public string Where => d.Where;
            public string Engine => d.Engine;
            public Task<LanguageExt.Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel) => d.Catalog(cancel);
            public Task<LanguageExt.Either<Problem, Dictionary<string, HashSet<string>>>> Tables(CancellationToken cancel) => d.Tables(cancel);
            public IAsyncEnumerable<KonektoSync.Extract.Engines.Sql.Streamed<SourceRow>> Rows(KonektoSync.Extract.Profiles.QuerySpec query,
                KonektoSync.Extract.Profiles.ProgramProfile profile, IReadOnlyDictionary<string, HashSet<string>> live, QueryRun run,
                string program, CancellationToken cancel) => d.Rows(query, profile, live, run, program, cancel);
            public IAsyncEnumerable<KonektoSync.Extract.Engines.Sql.Streamed<SourceRow>>? AllFirmsRows(KonektoSync.Extract.Profiles.QuerySpec query,
                KonektoSync.Extract.Profiles.ProgramProfile profile, IReadOnlyDictionary<string, HashSet<string>> live, QueryRun run,
                string program, CancellationToken cancel) =>
                rows is { } n ? Fail(d.AllFirmsRows(query, profile, live, run, program, cancel)!, n, cancel) : null;
            public ValueTask DisposeAsync() => d.DisposeAsync();

            private async IAsyncEnumerable<KonektoSync.Extract.Engines.Sql.Streamed<SourceRow>> Fail(
                IAsyncEnumerable<KonektoSync.Extract.Engines.Sql.Streamed<SourceRow>> all, int rows,
                [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
            {
                var n = 0;
                await foreach (var row in all.WithCancellation(cancel))
                {
                    if (n++ == rows) break;
                    yield return row;
                }
                yield return new(null!, Problem.Of("source.unreachable", "the connection was lost"));
            }
        }
    }

    /// <summary>Each (firm, kind) group as text: its records in order, then its problem code; a group appears once.</summary>
    private static Dictionary<(string, DataKind), string> Groups(List<SourceRecord> records)
    {
        var pending = new Dictionary<string, List<string>>();
        var groups = new Dictionary<(string, DataKind), string>();
        foreach (var r in records)
        {
            if (!pending.TryGetValue(r.FirmKey, out var list)) pending[r.FirmKey] = list = [];
            if (r is not GroupEnd end) { list.Add(r.GetType().Name + JsonSerializer.Serialize(r, r.GetType())); continue; }
            groups.Add((end.FirmKey, end.Kind), string.Join("\n", list) + "\nend " + end.Failure?.Code);
            pending[r.FirmKey] = [];
        }
        return groups;
    }
}
