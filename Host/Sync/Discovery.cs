using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

public sealed record CheckOutcome(string Summary, IReadOnlyList<string> Details, int Firms, Problem? Problem,
    IReadOnlyList<Problem>? Warnings = null);

/// <summary>`check` then `discover` for one program; the firms found are kept in the state database.</summary>
public static class Discovery
{
    /// <summary>
    /// <see cref="CheckAndDiscover"/> for a sync: the program's problem as an error event, or
    /// null. The check does not open each firm's own database: the read opens it right after and
    /// makes the same table test (<see cref="Extract.ProgramConfig.CheckBeforeRead"/>). A connector that throws gives that program's error and the sync goes on; a fault of
    /// the state database is a <see cref="SyncFault"/>.
    /// </summary>
    public static async Task<SyncEvent?> Guarded(
        ProgramId id, ProgramEntry entry, DataDir dir, StateStore state, CancellationToken cancel)
    {
        try
        {
            var found = await CheckAndDiscover(id, entry, dir, state, cancel, beforeRead: true);
            // a stop that arrived meanwhile is what happened: embedded Firebird also gets the signal
            // and shuts itself down, so its database then fails to open (as a refused login)
            if (found.Problem is not null && cancel.IsCancellationRequested)
                throw new OperationCanceledException("stopped on request", cancel);
            return found.Problem is { } p
                ? SyncEvent.FromProblem(Severity.Error, p, $"fix the configuration: konektosync programs check {id.Code()}", id)
                : null;
        }
        catch (Exception e) when (e is not SyncFault and not OperationCanceledException && cancel.IsCancellationRequested)
        {
            // what a stop surfaces as under a command (a connection shut down, an aggregate of those)
            // is the requested stop, not the program's fault
            throw new OperationCanceledException("stopped on request", e, cancel);
        }
        catch (Exception e) when (e is not SyncFault && !(e is OperationCanceledException && cancel.IsCancellationRequested))
        {
            return SyncPipeline.ReadFailed(id, e);
        }
    }

    public static async Task<CheckOutcome> CheckAndDiscover(
        ProgramId id, ProgramEntry entry, DataDir dir, StateStore state, CancellationToken ct, bool beforeRead = false)
    {
        var conn = Connectors.Find(id);
        if (conn.IsNone)
            return new("", [], 0, Problem.Of("program.not-available",
                $"{id}: no connector in this version (see docs/STATUS.md)", id.ToString()));
        var connector = conn.Head();
        var resolved = Connectors.Resolve(id, entry, dir);
        if (resolved.IsLeft) return new("", [], 0, resolved.LeftToSeq().Head);
        var config = resolved.RightToSeq().Head with { CheckBeforeRead = beforeRead };
        var check = await connector.Check(config, ct);
        if (check.IsLeft) return new("", [], 0, check.LeftToSeq().Head);
        var report = check.RightToSeq().Head;
        var firms = await connector.Discover(config, ct);
        if (firms.IsLeft) return new(report.Summary, report.Details.ToList(), 0, firms.LeftToSeq().Head);
        var list = firms.RightToSeq().Head;
        SyncFaults.At(FaultPlace.State, dir.StateDb, () => { state.ReplaceFirms(id, list); return unit; });
        return new(report.Summary, report.Details.ToList(), list.Count, null, report.Warnings.ToList());
    }
}
