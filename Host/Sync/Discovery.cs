using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;

namespace KonektoSync.Host.Sync;

public sealed record CheckOutcome(string Summary, IReadOnlyList<string> Details, int Firms, Problem? Problem);

/// <summary>`check` then `discover` for one program; the firms found are kept in the state database.</summary>
public static class Discovery
{
    public static async Task<CheckOutcome> CheckAndDiscover(
        ProgramId id, ProgramEntry entry, DataDir dir, StateStore state, CancellationToken ct)
    {
        var conn = Connectors.Find(id);
        if (conn.IsNone)
            return new("", [], 0, Problem.Of("program.not-available",
                $"{id}: no connector in this version (see docs/STATUS.md)", id.ToString()));
        var connector = conn.Head();
        var resolved = Connectors.Resolve(id, entry, dir);
        if (resolved.IsLeft) return new("", [], 0, resolved.LeftToSeq().Head);
        var config = resolved.RightToSeq().Head;
        var check = await connector.Check(config, ct);
        if (check.IsLeft) return new("", [], 0, check.LeftToSeq().Head);
        var report = check.RightToSeq().Head;
        var firms = await connector.Discover(config, ct);
        if (firms.IsLeft) return new(report.Summary, report.Details.ToList(), 0, firms.LeftToSeq().Head);
        var list = firms.RightToSeq().Head;
        state.ReplaceFirms(id, list);
        return new(report.Summary, report.Details.ToList(), list.Count, null);
    }
}
