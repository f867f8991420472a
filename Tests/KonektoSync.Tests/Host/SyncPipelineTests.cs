using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Sync;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Host;

/// <summary>
/// The channel pipeline with connectors that stream a fixed script of records and fail at a
/// chosen position: the fault is put at every position and the run must end, hand over only
/// whole groups, and let the other program finish.
/// </summary>
public sealed class SyncPipelineTests
{
    private static readonly Nip[] Firms =
        new[] { "1234563218", "8567346215", "5260250274" }.Select(s => Nip.Create(s).SuccessToSeq().Head).ToArray();

    private static readonly Period Month = Period.Create(2024, 1).SuccessToSeq().Head;

    /// <summary>Streams, per firm, two declarations then the end of its taxes group.</summary>
    private sealed class ScriptedConnector(ProgramId program, int failAt, bool cancelInstead = false) : IProgramConnector
    {
        public ProgramId Program => program;
        public IReadOnlyList<SettingSpec> Settings => [];
        public Task<Seq<ProgramConfig>> Detect(CancellationToken c) => Task.FromResult(Seq<ProgramConfig>());
        public Task<Either<Problem, CheckReport>> Check(ProgramConfig c, CancellationToken t) => throw new NotSupportedException();
        public Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig c, CancellationToken t) => throw new NotSupportedException();
        public Task<Either<Problem, Catalog>> Inspect(ProgramConfig c, CancellationToken t) => throw new NotSupportedException();

        public static IEnumerable<SourceRecord> Script(ProgramId program) =>
            Firms.SelectMany(f => new SourceRecord[]
            {
                new RawDeclaration(program, f.Value, f, "1", "VAT-7", Month.LastDay, null, 100m),
                new RawDeclaration(program, f.Value, f, "2", "PIT-4R", Month.LastDay, null, 50m),
                new GroupEnd(program, f.Value, f, DataKind.Taxes, null),
            });

        public async IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan,
            [EnumeratorCancellation] CancellationToken cancel)
        {
            var n = 0;
            foreach (var r in Script(program))
            {
                if (n++ == failAt)
                {
                    if (cancelInstead) throw new OperationCanceledException();
                    throw new InvalidOperationException("the driver broke password=Sekret");
                }
                await Task.Yield();
                yield return r;
            }
        }
    }

    private sealed class RecordingHandler : IGroupHandler
    {
        public List<(ProgramId, Nip, DataKind, int)> Groups { get; } = [];

        public Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
            IReadOnlyList<SourceRecord> records, CancellationToken cancel)
        {
            lock (Groups) Groups.Add((program, firm, kind, records.Count));
            return Task.FromResult(Seq<SyncEvent>());
        }
    }

    private static ProgramRead Read(IProgramConnector c) =>
        new(c, new ProgramConfig(c.Program, new Dictionary<string, string>(), null),
            new ReadPlan(Firms.Select(f => new ReadItem(f.Value, f, Set(DataKind.Taxes))).ToSeq(), Month, Month));

    [Fact]
    public async Task Every_group_is_handed_over_whole_when_nothing_fails()
    {
        var handler = new RecordingHandler();

        var outcome = await SyncPipeline.Run(Seq1(Read(new ScriptedConnector(ProgramId.Raks, int.MaxValue))),
            handler, null, CancellationToken.None);

        Assert.Equal(3, outcome.GroupsLoaded);
        Assert.All(handler.Groups, g => Assert.Equal(2, g.Item4));
        Assert.Equal(Firms.OrderBy(f => f.Value), handler.Groups.Select(g => g.Item2).OrderBy(f => f.Value));
    }

    [Fact]
    public async Task A_fault_at_any_position_ends_the_run_loads_only_closed_groups_and_spares_the_other_program()
    {
        var total = ScriptedConnector.Script(ProgramId.Raks).Count();
        for (var failAt = 0; failAt <= total; failAt++)
        {
            var handler = new RecordingHandler();
            var reads = Seq(Read(new ScriptedConnector(ProgramId.Raks, failAt)),
                Read(new ScriptedConnector(ProgramId.Fakt, int.MaxValue)));

            var outcome = await SyncPipeline.Run(reads, handler, null, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(20));

            var closedBeforeFault = failAt / 3;
            var raks = handler.Groups.Where(g => g.Item1 == ProgramId.Raks).ToList();
            Assert.Equal(closedBeforeFault, raks.Count);
            Assert.All(handler.Groups, g => Assert.Equal(2, g.Item4));
            Assert.Equal(3, handler.Groups.Count(g => g.Item1 == ProgramId.Fakt));
            Assert.Equal(3 - closedBeforeFault, outcome.GroupsFailed);
            if (failAt < total)
            {
                var error = Assert.Single(outcome.Events, e => e.Code == "program.read-failed");
                Assert.DoesNotContain("Sekret", error.Message);
            }
        }
    }

    [Fact]
    public async Task Cancelling_stops_the_run_without_handing_over_a_partial_group()
    {
        using var cancel = new CancellationTokenSource();
        var handler = new CancellingHandler(cancel);
        var reads = Seq1(Read(new ScriptedConnector(ProgramId.Raks, int.MaxValue)));

        var stopped = await Assert.ThrowsAsync<SyncPipeline.Cancelled>(() =>
            SyncPipeline.Run(reads, handler, null, cancel.Token).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(1, handler.Count);
        Assert.Equal(1, stopped.SoFar.GroupsLoaded);
    }

    [Fact]
    public async Task A_handler_fault_stops_every_producer_without_a_hang_and_keeps_the_events_of_the_groups_before_it()
    {
        var handler = new FailingHandler(failAt: 2);
        var endless = new EndlessConnector();
        var reads = Seq(Read(new ScriptedConnector(ProgramId.Raks, int.MaxValue)), Read(endless));

        var stopped = await Assert.ThrowsAsync<SyncPipeline.Faulted>(() =>
            SyncPipeline.Run(reads, handler, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal("disk full", Assert.IsType<IOException>(stopped.InnerException).Message);
        Assert.Equal(1, stopped.SoFar.GroupsLoaded);
        Assert.Equal("group.loaded", Assert.Single(stopped.SoFar.Events).Code);
        Assert.True(endless.Stopped);
    }

    [Fact]
    public async Task A_connector_fault_is_one_event_of_the_outcome_after_the_groups_events()
    {
        var reads = Seq1(Read(new ScriptedConnector(ProgramId.Raks, 4)));

        var outcome = await SyncPipeline.Run(reads, new EventHandler(), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(new[] { "group.loaded", "group.incomplete", "group.incomplete", "program.read-failed" },
            outcome.Events.Map(e => e.Code).ToArray());
    }

    private sealed class EventHandler : IGroupHandler
    {
        public Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
            IReadOnlyList<SourceRecord> records, CancellationToken cancel) =>
            Task.FromResult(Seq1(SyncEvent.Of(Severity.Info, "group.loaded", "loaded", firm: firm)));
    }

    private sealed class FailingHandler(int failAt) : IGroupHandler
    {
        private int _count;

        public Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
            IReadOnlyList<SourceRecord> records, CancellationToken cancel) =>
            ++_count == failAt
                ? throw new IOException("disk full")
                : Task.FromResult(Seq1(SyncEvent.Of(Severity.Info, "group.loaded", "loaded", firm: firm)));
    }

    /// <summary>Streams records of one firm until it is stopped; never ends its group.</summary>
    private sealed class EndlessConnector : IProgramConnector
    {
        public bool Stopped { get; private set; }
        public ProgramId Program => ProgramId.Fakt;
        public IReadOnlyList<SettingSpec> Settings => [];
        public Task<Seq<ProgramConfig>> Detect(CancellationToken c) => Task.FromResult(Seq<ProgramConfig>());
        public Task<Either<Problem, CheckReport>> Check(ProgramConfig c, CancellationToken t) => throw new NotSupportedException();
        public Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig c, CancellationToken t) => throw new NotSupportedException();
        public Task<Either<Problem, Catalog>> Inspect(ProgramConfig c, CancellationToken t) => throw new NotSupportedException();

        public async IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan,
            [EnumeratorCancellation] CancellationToken cancel)
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    await Task.Delay(1, cancel);
                    yield return new RawDeclaration(ProgramId.Fakt, Firms[0].Value, Firms[0], $"{i}", "VAT-7", Month.LastDay, null, 1m);
                }
            }
            finally
            {
                Stopped = true;
            }
        }
    }

    private sealed class CancellingHandler(CancellationTokenSource cancel) : IGroupHandler
    {
        public int Count { get; private set; }

        public Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
            IReadOnlyList<SourceRecord> records, CancellationToken c)
        {
            Count++;
            Assert.Equal(2, records.Count);
            cancel.Cancel();
            return Task.FromResult(Seq<SyncEvent>());
        }
    }
}
