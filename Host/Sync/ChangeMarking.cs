using System.Text.Json;
using System.Text.Json.Nodes;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Worker;
using KonektoSync.Load.Journal;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>What the change markers say before a sync: the programs whose marker holds, and the fingerprints taken.</summary>
public sealed record MarkerCheck(Map<ProgramId, ChangeMark> Held, Map<ProgramId, Option<string>> Before)
{
    public static readonly MarkerCheck Nothing = new(Map<ProgramId, ChangeMark>(), Map<ProgramId, Option<string>>());
}

/// <summary>
/// Change markers per program in the journal (<see cref="ChangeMarkers"/>), one implementation for
/// the `sync` command and the worker's automatic update:
/// <list type="number">
/// <item>before the first attach of a sync (before discovery's check), each program's fingerprint is
///   taken (<see cref="IChangeSource"/>) and compared with its marker (<see cref="ChangeMarks.Holds"/>):
///   a program whose marker holds is neither checked nor discovered;</item>
/// <item>after planning, a held program whose plan hash is still the marker's is not read at all
///   (one <c>sync.program-unchanged</c> event says so);</item>
/// <item>before the read, the markers of the programs to be read are removed; after the read, a
///   program read whole, without an error, gets its new marker: its fingerprint taken after the
///   sync's last attach (file programs, whose files our own reads touch) or before the first one
///   (SQL servers, whose markers our reads do not move, so a write during the read is seen next time).</item>
/// </list>
/// The settings key holds the configuration (without the automatic update's own section), the
/// program's firms as discovery last found them, the request (months, kinds, firms, approval) and
/// the build of the rules and readers: any of them changed is a read.
/// </summary>
public static class ChangeMarking
{
    /// <summary>The key of everything besides the data that decides what a program's sync writes.</summary>
    public static string SettingsKey(AppConfig cfg, ProgramId program, SyncRequest request, IEnumerable<RawFirm> firmsFound)
    {
        var config = JsonSerializer.SerializeToNode(cfg, AppConfig.Json)!.AsObject();
        config.Remove("autoUpdate");
        var firms = firmsFound.Where(f => f.Program == program).OrderBy(f => f.FirmKey, StringComparer.Ordinal)
            .Select(f => JsonSerializer.Serialize(f));
        return ChangeMarks.Hash([
            program.Code(),
            config.ToJsonString(),
            request.From.ToString(), request.To.ToString(),
            string.Join(',', request.Kinds.Map(k => k.Code()).OrderBy(c => c, StringComparer.Ordinal)),
            request.Firms.Match(f => string.Join(',', f.Map(n => n.Value).OrderBy(n => n, StringComparer.Ordinal)), () => "*"),
            request.Approve ? "approve" : "",
            Build,
            ..firms,
        ]);
    }

    /// <summary>The build of the readers, the rules and the load: a new KonektoSync reads everything once.</summary>
    private static readonly string Build = string.Join(',',
        new[] { typeof(Extract.ProgramConfig), typeof(GroupDecision), typeof(ChangeMarkers), typeof(ChangeMarking) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <summary>Today as the group decisions see it.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Step 1: the fingerprints now, and the programs whose marker holds for them.</summary>
    public static async Task<MarkerCheck> Before(IChangeSource source, AppConfig cfg, DataDir dir, StateStore state,
        SyncRequest request, DateOnly today, CancellationToken cancel)
    {
        var fingerprints = await source.Fingerprints(cfg, dir, cancel);
        var marks = ChangeMarkers.Read(state.Connection);
        var firms = state.FirmsFound();
        var held = marks.Filter((id, mark) => ChangeMarks.Holds(Some(mark), fingerprints.Find(id).Flatten(),
            SettingsKey(cfg, id, request, firms), request.From, request.To, today));
        return new MarkerCheck(held, fingerprints);
    }

    /// <summary>Step 2: the held programs whose plan is still the marked one: these are not read.</summary>
    public static Map<ProgramId, ChangeMark> Unchanged(MarkerCheck check, SyncPlan plan) =>
        check.Held.Filter((id, mark) => ChangeMarks.PlanHash(plan.PerProgram.Find(id).IfNone(Seq<PlanItem>())) == mark.Plan);

    /// <summary>The event of a program left unread, with the run and day of its marker and the warnings that run gave it.</summary>
    public static SyncEvent UnchangedEvent(ChangeMark mark) =>
        SyncEvent.Of(Severity.Info, "sync.program-unchanged",
            $"{mark.Program}: nothing changed since the sync {mark.RunId} of {mark.Day:yyyy-MM-dd}: not read again " +
            $"({mark.Warnings} warnings of that sync stand; 'konektosync sync --full' reads it anyway)",
            program: mark.Program,
            args: [mark.Program.ToString(), mark.RunId, mark.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                mark.Warnings.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>
    /// Step 4: a marker for each program read whole in this run. A program with an error event gets
    /// none, and no program gets one when an error names no program. Called only when every group
    /// of the read was handled (no fault, no stop), so the groups are durable when it runs.
    /// </summary>
    public static async Task After(IChangeSource source, AppConfig cfg, DataDir dir, StateStore state, SyncRequest request,
        DateOnly today, string runId, MarkerCheck check, SyncPlan plan, Seq<ProgramId> read, Seq<SyncEvent> events,
        CancellationToken cancel)
    {
        if (read.IsEmpty || events.Exists(e => e.Severity == Severity.Error && e.Program.IsNone)) return;
        var after = await source.Fingerprints(cfg, dir, cancel);
        var firms = state.FirmsFound();
        foreach (var id in read)
        {
            if (events.Exists(e => e.Severity == Severity.Error && e.Program == Some(id))) continue;
            if (!cfg.Programs.TryGetValue(id.Code(), out var entry)) continue;
            var taken = source.MovedByReads(id, entry) ? after.Find(id).Flatten() : check.Before.Find(id).Flatten();
            foreach (var fingerprint in taken)
                ChangeMarkers.Write(state.Connection, new ChangeMark(id, fingerprint, SettingsKey(cfg, id, request, firms),
                    ChangeMarks.PlanHash(plan.PerProgram.Find(id).IfNone(Seq<PlanItem>())), today, runId,
                    events.Count(e => e.Severity == Severity.Warning && e.Program == Some(id))));
        }
    }
}
