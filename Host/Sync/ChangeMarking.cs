using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KonektoSync.Domain;
using KonektoSync.Extract;
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
/// The firms a sync reads of each program to be read: the reads with their plans narrowed to the firms
/// whose data moved, every program to be marked after the read (also one left with no firm to read),
/// the fingerprints taken before the read, the firms read per program, and the NIPs of the firms left unread.
/// </summary>
public sealed record FirmChoice(Seq<ProgramRead> Reads, Seq<ProgramId> Marked, Map<ProgramId, (FirmPrints Prints, Set<string> Read)> Firms,
    Seq<SyncEvent> Events, Set<Nip> Unread)
{
    /// <summary>Every firm of the programs read, none fingerprinted (a dry run; programs marked as a whole).</summary>
    public static FirmChoice Whole(Seq<ProgramRead> reads, Seq<ProgramId> marked) =>
        new(reads, marked, Map<ProgramId, (FirmPrints, Set<string>)>(), Seq<SyncEvent>(), Set<Nip>());
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

    /// <summary>
    /// Step 3, per firm: for each program to be read whose connector fingerprints its firms
    /// (<see cref="IFirmFingerprints"/>: one aggregate query per table of its shared database, the names,
    /// sizes and times of its firm databases), the firms whose marker holds (<see cref="ChangeMarks.FirmsToRead"/>)
    /// are left out of its plan; with <paramref name="readAll"/> (`--full`, a refilled panel) every firm is read
    /// and the fingerprints are still taken for the markers after it. The markers of the firms to be read are removed.
    /// </summary>
    public static async Task<FirmChoice> Firms(AppConfig cfg, StateStore state, SyncRequest request, DateOnly today,
        SyncPlan plan, Seq<ProgramRead> reads, bool readAll, CancellationToken cancel)
    {
        var kept = Seq<ProgramRead>();
        var firms = Map<ProgramId, (FirmPrints, Set<string>)>();
        var events = Seq<SyncEvent>();
        var unread = Set<Nip>();
        var found = state.FirmsFound();
        foreach (var read in reads)
        {
            var id = read.Connector.Program;
            if (read.Connector is not IFirmFingerprints fingerprints
                || (await fingerprints.FirmPrints(read.Config, read.Plan, cancel)).Case is not FirmPrints prints)
            {
                kept = kept.Add(read);
                continue;
            }
            var items = plan.PerProgram.Find(id).IfNone(Seq<PlanItem>()).Filter(i => read.Plan.Items.Exists(r => r.FirmKey == i.FirmKey));
            var all = toSet(items.Map(i => i.FirmKey));
            var toRead = readAll ? all
                : ChangeMarks.FirmsToRead(ChangeMarkers.ReadFirms(state.Connection, id), Now(prints, all), items,
                    SettingsKey(cfg, id, request, found), request.From, request.To, today);
            ChangeMarkers.ForgetFirms(state.Connection, id, toRead);
            firms = firms.AddOrUpdate(id, (prints, toRead));
            var left = items.Filter(i => !toRead.Contains(i.FirmKey));
            unread += toSet(left.Map(i => i.Firm));
            if (!left.IsEmpty)
                events = events.Add(SyncEvent.Of(Severity.Info, "sync.firms-unchanged",
                    $"{id}: {left.Count} of {items.Count} firms unchanged since their last sync: not read again ('konektosync sync --full' reads them anyway)",
                    program: id, args: [id.ToString(), left.Count.ToString(CultureInfo.InvariantCulture), items.Count.ToString(CultureInfo.InvariantCulture)]));
            if (!toRead.IsEmpty)
                kept = kept.Add(read with { Plan = read.Plan with { Items = read.Plan.Items.Filter(i => toRead.Contains(i.FirmKey)) } });
        }
        return new FirmChoice(kept, reads.Map(r => r.Connector.Program), firms, events, unread);
    }

    /// <summary>Each firm's fingerprint now: its rows in the shared database and its own files' names, sizes and times.</summary>
    private static Map<string, string> Now(FirmPrints prints, Set<string> firms) =>
        toMap(firms.ToSeq().Choose(f => FirmFingerprint(prints, f).Map(p => (f, p))));

    /// <summary>
    /// A firm's fingerprint: the text of its rows in the shared database and the size and time of each of
    /// its own database files; None when either cannot be taken (a file that does not exist here, as a
    /// database on a server names it, is a change every time).
    /// </summary>
    private static Option<string> FirmFingerprint(FirmPrints prints, string firm)
    {
        if (prints.Shared.Find(firm).Case is not string shared || prints.Files.Find(firm).Case is not Seq<string> files) return None;
        var lines = new List<string> { shared };
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            if (!info.Exists) return None;
            lines.Add(string.Join('\t', file, info.Length.ToString(CultureInfo.InvariantCulture),
                info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)));
        }
        return ChangeMarks.Hash(lines);
    }

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
    public static Task After(IChangeSource source, AppConfig cfg, DataDir dir, StateStore state, SyncRequest request,
        DateOnly today, string runId, MarkerCheck check, SyncPlan plan, Seq<ProgramId> read, Seq<SyncEvent> events,
        CancellationToken cancel) =>
        After(source, cfg, dir, state, request, today, runId, check, plan, FirmChoice.Whole([], read), events, cancel);

    /// <summary>Step 4 with the firms chosen in step 3: the programs' markers, and the markers of the firms read.</summary>
    public static async Task After(IChangeSource source, AppConfig cfg, DataDir dir, StateStore state, SyncRequest request,
        DateOnly today, string runId, MarkerCheck check, SyncPlan plan, FirmChoice chosen, Seq<SyncEvent> events,
        CancellationToken cancel)
    {
        var read = chosen.Marked;
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
            // the firms read get their markers: their files' times as this read left them
            if (chosen.Firms.Find(id).Case is ValueTuple<FirmPrints, Set<string>> (var prints, var firmsRead))
            {
                var settings = SettingsKey(cfg, id, request, firms);
                var items = plan.PerProgram.Find(id).IfNone(Seq<PlanItem>()).Filter(i => firmsRead.Contains(i.FirmKey));
                ChangeMarkers.WriteFirms(state.Connection, items.Choose(i => FirmFingerprint(prints, i.FirmKey)
                    .Map(f => new FirmMark(id, i.FirmKey, f, settings, ChangeMarks.ItemHash(i), today))));
            }
        }
    }
}
