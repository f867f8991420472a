using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Planning;

/// <summary>The event-log notes of a plan: what is not read and what the user can do.</summary>
internal static class PlanNotes
{
    public static Seq<SyncEvent> ForDecision(FirmPlanRow row, SourceSlot slot, DataKind kind) =>
        row.For(slot) switch
        {
            SourceDecision.Off => Seq1(SyncEvent.Of(Severity.Info, "source.off",
                $"Firm {Who(row)}: {SlotName(slot)} is set to nie aktualizuj; not updated",
                $"To update it, choose its source: konektosync firms source {row.Firm} " +
                $"--{Option(slot)} <program>.", firm: row.Firm, kind: kind,
                args: [row.Firm.Value, SlotCode(slot), row.Name, row.Firm.Formatted, Option(slot)])),
            SourceDecision.NoData n => Seq1(SyncEvent.Of(Severity.Info, "source.no-data",
                $"Firm {Who(row)}: brak danych for {SlotName(slot)} in {n.Program}, the " +
                "chosen program; not updated",
                $"Choose a program that has the firm: konektosync firms source {row.Firm} " +
                $"--{Option(slot)} <program>, or add the firm in {n.Program}.", n.Program,
                row.Firm, kind, args: [row.Firm.Value, SlotCode(slot), n.Program.Code(), row.Name,
                    row.Firm.Formatted, Option(slot), n.Program.ToString()])),
            SourceDecision.Conflict c => Seq1(Conflict(row, slot, kind, c.Candidates)),
            _ => Seq<SyncEvent>(),
        };

    private static SyncEvent Conflict(FirmPlanRow row, SourceSlot slot, DataKind kind,
        Seq<ProgramId> candidates) =>
        SyncEvent.Of(Severity.Warning, "source.conflict",
            $"Firm {Who(row)}: {SlotName(slot)} is in several programs " +
            $"({string.Join(", ", candidates)}) and none is chosen; not updated",
            $"Choose the source: konektosync firms source {row.Firm} --{Option(slot)} " +
            $"{candidates.HeadOrNone().Match(p => p.Code(), () => "<program>")}.",
            firm: row.Firm, kind: kind,
            args: [row.Firm.Value, SlotCode(slot), string.Join(", ", candidates), row.Name, row.Firm.Formatted,
                Option(slot), candidates.HeadOrNone().Match(p => p.Code(), () => "<program>")]);

    public static SyncEvent NotFound(Nip nip) => SyncEvent.Of(Severity.Warning, "firm.not-found",
        $"Firm NIP {nip.Formatted} is not in any configured program; not updated",
        "Check the NIP, or configure the program that has the firm (konektosync programs).",
        firm: nip, args: [nip.Value, nip.Formatted]);

    public static SyncEvent NotSelected(Nip nip) => SyncEvent.Of(Severity.Warning,
        "firm.not-selected", $"Firm NIP {nip.Formatted} is not on the update list; not updated",
        $"Add it to the list: konektosync firms select {nip}.", firm: nip, args: [nip.Value, nip.Formatted]);

    private static string Who(FirmPlanRow row) => $"'{row.Name}' (NIP {row.Firm.Formatted})";

    private static string SlotName(SourceSlot slot) => slot switch
    {
        SourceSlot.Zus => "ZUS contributions",
        SourceSlot.Basic => "basic data",
        _ => "taxes and statements",
    };

    private static string Option(SourceSlot slot) => slot switch
    {
        SourceSlot.Zus => "zus", SourceSlot.Basic => "basic", _ => "taxes",
    };

    private static string SlotCode(SourceSlot slot) => slot switch
    {
        SourceSlot.Zus => "zus", SourceSlot.Basic => "basic", _ => "taxes-and-statements",
    };
}
