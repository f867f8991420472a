using System.Threading.Channels;
using KonektoSync.Domain;
using KonektoSync.Extract;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>Progress of one program: firms whose groups are done, records read.</summary>
public sealed record ProgramProgress(ProgramId Program, int FirmsDone, int FirmsTotal, long Records, bool Finished);

/// <summary>One program's part of a sync: its connector, its configuration and what to read.</summary>
public sealed record ProgramRead(IProgramConnector Connector, ProgramConfig Config, ReadPlan Plan);

/// <summary>What the pipeline hands to the transform and load steps for each complete group.</summary>
public interface IGroupHandler
{
    /// <summary>Transforms and loads one whole (firm, data kind) group; returns its events.</summary>
    Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
        IReadOnlyList<SourceRecord> records, CancellationToken cancel);
}

/// <summary>
/// The extract half of a sync, top to bottom: one task per program streams raw records into a
/// bounded channel; one reader groups them per firm and hands each complete (firm, data kind)
/// group to the handler. A failing program or firm is reported and the rest go on; a group is
/// handed over whole or not at all; cancellation stops between groups. Events are values: the
/// reader gathers the groups' events, and a producer's fault is its task's result. A fault of the
/// handler (the load) or a cancellation stops the producers and leaves the pipeline as
/// <see cref="Faulted"/> or <see cref="Cancelled"/>, which carry the outcome so far.
/// </summary>
public static class SyncPipeline
{
    public sealed record Outcome(Seq<SyncEvent> Events, int GroupsLoaded, int GroupsFailed, Set<Nip> FirmsLoaded, Set<Nip> FirmsFailed);

    /// <summary>The handler failed: the fault is the inner exception; SoFar holds the groups handled before it.</summary>
    public sealed class Faulted(Outcome soFar, Exception fault) : Exception("the sync pipeline stopped on a fault", fault)
    {
        public Outcome SoFar { get; } = soFar;
    }

    /// <summary>The run was cancelled between groups; SoFar holds the groups handled before.</summary>
    public sealed class Cancelled(Outcome soFar, CancellationToken token)
        : OperationCanceledException("the sync pipeline was cancelled", null, token)
    {
        public Outcome SoFar { get; } = soFar;
    }

    public static async Task<Outcome> Run(
        Seq<ProgramRead> reads, IGroupHandler handler, IProgress<ProgramProgress>? progress, CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<SourceRecord>(new BoundedChannelOptions(2048)
            { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producers = reads.Map(r => Task.Run(() => Produce(r, channel.Writer, stop.Token), CancellationToken.None)).ToArray();
        var allProduced = Task.WhenAll(producers).ContinueWith(
            _ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var consumed = new Consumed();
        Exception? stopped = null;
        try
        {
            await Consume(reads, channel.Reader, handler, progress, consumed, cancel);
        }
        catch (Exception e)
        {
            stopped = e;
        }
        finally
        {
            // the reader is done, failed or was cancelled: no producer may wait on a full channel
            await stop.CancelAsync();
            channel.Writer.TryComplete();
            await allProduced;
        }
        var done = consumed.Done;
        var producerEvents = reads.Zip(producers.ToSeq()).Bind(x => x.Item2.IsCompletedSuccessfully
            ? x.Item2.Result
            : Seq1(ReadFailed(x.Item1.Connector.Program, x.Item2.Exception?.InnerException ?? new TaskCanceledException())));
        var outcome = new Outcome(done.Events + producerEvents, done.Loaded, done.Failed,
            done.FirmsLoaded - done.FirmsFailed, done.FirmsFailed);
        return stopped switch
        {
            null => outcome,
            OperationCanceledException when cancel.IsCancellationRequested => throw new Cancelled(outcome, cancel),
            _ => throw new Faulted(outcome, stopped),
        };
    }

    private sealed record Tally(Seq<SyncEvent> Events, int Loaded, int Failed, Set<Nip> FirmsLoaded, Set<Nip> FirmsFailed);

    /// <summary>What the reader has handled so far: a value replaced after each group.</summary>
    private sealed class Consumed
    {
        public Tally Done { get; set; } = new(Seq<SyncEvent>(), 0, 0, Set<Nip>(), Set<Nip>());
    }

    private static async Task Consume(Seq<ProgramRead> reads, ChannelReader<SourceRecord> reader,
        IGroupHandler handler, IProgress<ProgramProgress>? progress, Consumed consumed, CancellationToken cancel)
    {
        var state = new Dictionary<(ProgramId, string), FirmBuffer>();
        var counters = reads.ToDictionary(r => r.Connector.Program, r => new Counter(r.Plan.Items.Count));
        await foreach (var record in reader.ReadAllAsync(cancel))
        {
            cancel.ThrowIfCancellationRequested();
            var key = (record.Program, record.FirmKey);
            if (!state.TryGetValue(key, out var buffer))
                state[key] = buffer = new FirmBuffer(PlannedKinds(reads, record));
            var counter = counters[record.Program];
            counter.Records++;
            if (record is not GroupEnd end) { buffer.Records.Add(record); continue; }

            var groupEvents = end.Failure is { } problem
                ? Seq1(SyncEvent.FromProblem(SeverityOf(problem), problem, "", end.Program, end.Firm, end.Kind))
                : await handler.Complete(end.Program, end.Firm, end.Kind, buffer.Records, cancel);
            var done = consumed.Done;
            consumed.Done = end.Failure is { } absent && SeverityOf(absent) == Severity.Info
                ? done with { Events = done.Events + groupEvents }
                : groupEvents.Exists(e => e.Severity == Severity.Error)
                ? done with { Events = done.Events + groupEvents, Failed = done.Failed + 1, FirmsFailed = done.FirmsFailed.TryAdd(end.Firm) }
                : done with { Events = done.Events + groupEvents, Loaded = done.Loaded + 1, FirmsLoaded = done.FirmsLoaded.TryAdd(end.Firm) };
            buffer.Records = []; // the next group of the firm starts empty: a group never carries an earlier group's records
            buffer.Remaining.Remove(end.Kind);
            if (buffer.Remaining.Count == 0)
            {
                state.Remove(key);
                counter.FirmsDone++;
                progress?.Report(new(end.Program, counter.FirmsDone, counter.FirmsTotal, counter.Records, false));
            }
        }
        foreach (var (program, c) in counters)
            progress?.Report(new(program, c.FirmsDone, c.FirmsTotal, c.Records, true));
    }

    /// <summary>Streams one program's records; its result is its fault event, if it had one.</summary>
    private static async Task<Seq<SyncEvent>> Produce(ProgramRead read, ChannelWriter<SourceRecord> writer,
        CancellationToken stop)
    {
        var program = read.Connector.Program;
        var ended = new System.Collections.Generic.HashSet<(string, DataKind)>();
        var fault = Seq<SyncEvent>();
        try
        {
            await foreach (var record in read.Connector.Read(read.Config, read.Plan, stop).WithCancellation(stop))
            {
                if (record is GroupEnd g) ended.Add((g.FirmKey, g.Kind));
                await writer.WriteAsync(record, stop);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // stopped (a request, or the reader's end): whatever the stop surfaced as under a command
            // (a cancellation, a connection shut down) is no fault of the program
            return fault;
        }
        catch (Exception e)
        {
            // a connector fault is a bug or an infrastructure failure: that program's open groups fail, the others go on
            fault = Seq1(ReadFailed(program, e));
        }
        // every planned group the connector did not close is closed as failed: never loaded half
        try
        {
            foreach (var item in read.Plan.Items)
                foreach (var kind in item.Kinds)
                    if (!ended.Contains((item.FirmKey, kind)))
                        await writer.WriteAsync(new GroupEnd(program, item.FirmKey, item.Firm, kind,
                            Problem.Of("group.incomplete", $"{program}: {kind.Code()} for {item.Firm.Formatted} was not read whole",
                                program.ToString(), item.Firm.Value, kind.Code(), item.Firm.Formatted)), stop);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && stop.IsCancellationRequested)
        {
            // the reader stopped: nothing more is handed over
        }
        return fault;
    }

    /// <summary>
    /// A data kind that the program does not hold ("program.kind-unsupported", e.g. Fakt and bank
    /// statements) is information, neither loaded nor failed; every other problem of a group is an error.
    /// </summary>
    public static Severity SeverityOf(Problem problem) =>
        problem.Code == "program.kind-unsupported" ? Severity.Info : Severity.Error;

    /// <summary>The error event of a program whose reading stopped on an exception.</summary>
    public static SyncEvent ReadFailed(ProgramId program, Exception e) =>
        SyncEvent.Of(Severity.Error, "program.read-failed",
            $"{program}: reading stopped: {e.GetType().Name}: {Redact(e.Message)}",
            "check the program's configuration with 'konektosync programs check' and report the error if it persists",
            program: program, args: [program.ToString(), e.GetType().Name, Redact(e.Message)]);

    /// <summary>Exception texts of drivers may carry paths but never the password we pass; drop connection-string-like parts.</summary>
    public static string Redact(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message,
            @"(?i)(password|pwd|user id|uid)\s*=\s*[^;\s]*", "$1=***");

    private static System.Collections.Generic.HashSet<DataKind> PlannedKinds(Seq<ProgramRead> reads, SourceRecord r) =>
        reads.Find(x => x.Connector.Program == r.Program)
            .Bind(x => x.Plan.Items.Find(i => i.FirmKey == r.FirmKey))
            .Map(i => new System.Collections.Generic.HashSet<DataKind>(i.Kinds))
            .IfNone(() => new System.Collections.Generic.HashSet<DataKind>(DataKinds.All));

    private sealed class FirmBuffer(System.Collections.Generic.HashSet<DataKind> kinds)
    {
        public List<SourceRecord> Records { get; set; } = [];
        public System.Collections.Generic.HashSet<DataKind> Remaining { get; } = kinds;
    }

    private sealed class Counter(int total)
    {
        public int FirmsTotal { get; } = total;
        public int FirmsDone { get; set; }
        public long Records { get; set; }
    }
}
