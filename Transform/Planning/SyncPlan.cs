using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Planning;

/// <summary>One firm to read from a program, under the program's key, and which kinds.</summary>
public sealed record PlanItem(Nip Firm, string FirmKey, Set<DataKind> Kinds);

/// <summary>
/// A line of the firm list: the firm, its programs, the decision per source slot and how many
/// Płatnik payers were assigned to it (rule 7).
/// </summary>
public sealed record FirmPlanRow(
    Nip Firm,
    string Name,
    Seq<ProgramId> Programs,
    bool Selected,
    SourceDecision Zus,
    SourceDecision TaxesAndStatements,
    SourceDecision Basic,
    int Payers = 0)
{
    public SourceDecision For(SourceSlot slot) => slot switch
    {
        SourceSlot.Zus => Zus,
        SourceSlot.Basic => Basic,
        _ => TaxesAndStatements,
    };
}

/// <summary>
/// What an update reads: per program the firms and kinds, the notes for the event log, and a
/// row per firm found.
/// </summary>
public sealed record SyncPlan(
    Map<ProgramId, Seq<PlanItem>> PerProgram,
    Seq<SyncEvent> Notes,
    Seq<FirmPlanRow> Rows);
