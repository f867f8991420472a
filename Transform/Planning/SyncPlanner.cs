using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Planning;

/// <summary>
/// The update plan: for the selected firms (and, when the request names firms, only those),
/// the source of each requested kind by <see cref="SourceChoice"/>. Basic data is part of every
/// update. Taxes and statements share a source. Every firm or slot left out is noted.
/// </summary>
public static class SyncPlanner
{
    private static readonly SourceSlot[] Slots =
        [SourceSlot.Zus, SourceSlot.TaxesAndStatements, SourceSlot.Basic];

    /// <summary>The plan for the firms found, with the payers assigned to them (rule 7).</summary>
    public static SyncPlan Plan(FirmsFound found, Map<Nip, SourceSettings> own,
        SourceSettings global, Set<Nip> selected, SyncRequest request) =>
        Plan(found.Firms, own, global, selected, request, found.PayersPerFirm);

    public static SyncPlan Plan(Seq<MergedFirm> firms, Map<Nip, SourceSettings> own,
        SourceSettings global, Set<Nip> selected, SyncRequest request) =>
        Plan(firms, own, global, selected, request, Map<Nip, int>());

    private static SyncPlan Plan(Seq<MergedFirm> firms, Map<Nip, SourceSettings> own,
        SourceSettings global, Set<Nip> selected, SyncRequest request, Map<Nip, int> payers)
    {
        var rows = firms.OrderBy(f => f.Nip)
            .Map(f => Row(f, own, global, selected) with { Payers = payers.Find(f.Nip).IfNone(0) })
            .ToSeq().Strict();
        if (request.From > request.To)
            return new SyncPlan(Map<ProgramId, Seq<PlanItem>>(), Seq1(BadRange(request)), rows);
        var wanted = request.Firms.IfNone(selected);
        var toUpdate = rows.Filter(r => r.Selected && wanted.Contains(r.Firm));
        var kinds = request.Kinds.TryAdd(DataKind.Basic);
        var reads = toUpdate.Bind(r => Reads(r, kinds)).Strict();
        var notes = FirmNotes(firms, selected, request)
            + toUpdate.Bind(r => SlotNotes(r, kinds));
        return new SyncPlan(PerProgram(reads), notes.Strict(), rows);
    }

    private static FirmPlanRow Row(MergedFirm firm, Map<Nip, SourceSettings> own,
        SourceSettings global, Set<Nip> selected)
    {
        var settings = own.Find(firm.Nip).IfNone(SourceSettings.None);
        SourceDecision For(SourceSlot s) => SourceChoice.Choose(firm, s, settings, global);
        var basic = For(SourceSlot.Basic);
        var name = basic is SourceDecision.Chosen c
            ? firm.In(c.Program).Match(s => s.Firm.Name, () => firm.Name)
            : firm.Name;
        return new FirmPlanRow(firm.Nip, name, firm.Programs, selected.Contains(firm.Nip),
            For(SourceSlot.Zus), For(SourceSlot.TaxesAndStatements), basic);
    }

    private static Seq<(ProgramId Program, PlanItem Item)> Reads(FirmPlanRow row, Set<DataKind> kinds) =>
        toSeq(Slots).Bind(slot => Chosen(row.For(slot))
                .Map(c => (Source: c, Kinds: KindsIn(slot, kinds))))
            .Filter(r => !r.Kinds.IsEmpty)
            .GroupBy(r => (r.Source.Program, r.Source.FirmKey))
            .Map(g => (g.Key.Program, new PlanItem(row.Firm, g.Key.FirmKey,
                toSet(g.SelectMany(r => r.Kinds).Distinct()))))
            .ToSeq();

    private static Seq<SourceDecision.Chosen> Chosen(SourceDecision d) =>
        d is SourceDecision.Chosen c ? Seq1(c) : Seq<SourceDecision.Chosen>();

    private static Map<ProgramId, Seq<PlanItem>> PerProgram(Seq<(ProgramId Program, PlanItem Item)> reads) =>
        toMap(reads.GroupBy(r => r.Program).Map(g => (g.Key, g.Select(r => r.Item)
            .OrderBy(i => i.Firm).ThenBy(i => i.FirmKey, StringComparer.Ordinal).ToSeq().Strict())));

    private static Seq<DataKind> KindsIn(SourceSlot slot, Set<DataKind> kinds) =>
        kinds.Filter(k => k.Slot() == slot).ToSeq();

    private static Seq<SyncEvent> SlotNotes(FirmPlanRow row, Set<DataKind> kinds) =>
        toSeq(Slots).Bind(slot => KindsIn(slot, kinds).HeadOrNone()
            .Map(kind => PlanNotes.ForDecision(row, slot, kind)).IfNone(Seq<SyncEvent>()));

    private static Seq<SyncEvent> FirmNotes(Seq<MergedFirm> firms, Set<Nip> selected, SyncRequest request)
    {
        var found = toSet(firms.Map(f => f.Nip).Distinct());
        var wanted = request.Firms.IfNone(selected);
        return wanted.ToSeq().Bind(nip => !found.Contains(nip)
            ? Seq1(PlanNotes.NotFound(nip))
            : !selected.Contains(nip) ? Seq1(PlanNotes.NotSelected(nip)) : Seq<SyncEvent>());
    }

    private static SyncEvent BadRange(SyncRequest r) => SyncEvent.Of(Severity.Error,
        "plan.range", $"The update range {r.From}..{r.To} ends before it starts; nothing is read",
        "Give the first month first, e.g. --from 2024-01 --to 2024-03.", args: [r.From.ToString(),
            r.To.ToString()]);
}
