using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Panel;

public enum ApprovalState { Unapproved, Approved }

/// <summary>A fact as the panel holds it, with its approval.</summary>
public sealed record PanelFact(FactKey Key, ApprovalState State);

/// <summary>
/// Rule 10 (*Zatwierdź dane* / *Zatwierdzaj dane*): loaded data is unapproved unless the update
/// asks to approve it; later, approving a firm approves all of its unapproved data.
/// A client sees only approved data.
/// </summary>
public static class Approval
{
    /// <summary>The state data loaded by this request gets.</summary>
    public static ApprovalState OnLoad(SyncRequest request) =>
        request.Approve ? ApprovalState.Approved : ApprovalState.Unapproved;

    /// <summary>The load command for a group, approving it only when the request says so.</summary>
    public static LoadCommand ToLoadCommand(SyncRequest request, Nip firm, DataKind kind,
        Seq<Fact> facts) =>
        new(firm, kind, facts, OnLoad(request) == ApprovalState.Approved);

    /// <summary>Approving a firm later, in the panel: the keys of all its unapproved data.</summary>
    public static Seq<FactKey> ApproveFirm(Nip firm, Seq<PanelFact> inPanel) =>
        inPanel.Filter(f => f.Key.Firm == firm && f.State == ApprovalState.Unapproved)
            .Map(f => f.Key)
            .OrderBy(k => k.Text, StringComparer.Ordinal)
            .ToSeq();

    /// <summary>What a client sees: only approved data.</summary>
    public static Seq<FactKey> VisibleToClient(Nip firm, Seq<PanelFact> inPanel) =>
        inPanel.Filter(f => f.Key.Firm == firm && f.State == ApprovalState.Approved)
            .Map(f => f.Key);
}
