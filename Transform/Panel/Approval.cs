using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Panel;

public enum ApprovalState { Unapproved, Approved }

/// <summary>A fact as the panel holds it, with its approval.</summary>
public sealed record PanelFact(FactKey Key, ApprovalState State);

/// <summary>A fact's approval as the panel holds it: the content hash it was written with, and its state.</summary>
public sealed record HeldApproval(string ContentHash, ApprovalState State);

/// <summary>
/// The approval a delivered fact gets: its state, and whether the approval it had stays (with
/// the time it was given) rather than being given now.
/// </summary>
public sealed record DeliveredApproval(ApprovalState State, bool KeepsEarlierApproval);

/// <summary>
/// Rule 10 (*Zatwierdź dane* / *Zatwierdzaj dane*): loaded data is unapproved unless the update
/// asks to approve it; later, approving a firm approves all of its unapproved data.
/// A client sees only approved data. The local panel applies <see cref="OnDelivery"/> to every
/// fact it writes and <see cref="ApproveFirm"/> when a firm is approved.
/// </summary>
public static class Approval
{
    /// <summary>The state data loaded by this request gets.</summary>
    public static ApprovalState OnLoad(SyncRequest request) =>
        request.Approve ? ApprovalState.Approved : ApprovalState.Unapproved;

    /// <summary>
    /// The approval of one delivered fact, given how the panel holds it, the content hash it comes
    /// with, and the state the load asks for (<see cref="OnLoad"/>). A fact new to the panel or whose
    /// content changed takes the asked state, so a changed approved value becomes unapproved unless
    /// the load approves. A fact that comes again unchanged keeps an approval it had; unapproved, it
    /// takes the asked state.
    /// </summary>
    public static DeliveredApproval OnDelivery(Option<HeldApproval> inPanel, string contentHash,
        ApprovalState asked) =>
        inPanel.Exists(h => h.ContentHash == contentHash && h.State == ApprovalState.Approved)
            ? new DeliveredApproval(ApprovalState.Approved, KeepsEarlierApproval: true)
            : new DeliveredApproval(asked, KeepsEarlierApproval: false);

    /// <summary>The load command for a group, approving it only when the request says so.</summary>
    public static LoadCommand ToLoadCommand(SyncRequest request, Nip firm, DataKind kind,
        Seq<Fact> facts) =>
        new(firm, kind, facts, OnLoad(request) == ApprovalState.Approved);

    /// <summary>Approving a firm later, in the panel: the keys of all its unapproved data.</summary>
    public static Seq<FactKey> ApproveFirm(Nip firm, Seq<PanelFact> inPanel) =>
        ApproveFirm(firm, inPanel, Seq<Period>());

    /// <summary>
    /// Approving chosen months of a firm: the keys of its unapproved data of those months; no
    /// months chosen approves all of it (<see cref="ApproveFirm(Nip, Seq{PanelFact})"/>).
    /// </summary>
    public static Seq<FactKey> ApproveFirm(Nip firm, Seq<PanelFact> inPanel, Seq<Period> months) =>
        inPanel.Filter(f => f.Key.Firm == firm && f.State == ApprovalState.Unapproved
                && (months.IsEmpty || f.Key.Period.Exists(p => months.Contains(p))))
            .Map(f => f.Key)
            .OrderBy(k => k.Text, StringComparer.Ordinal)
            .ToSeq();

    /// <summary>What a client sees: only approved data.</summary>
    public static Seq<FactKey> VisibleToClient(Nip firm, Seq<PanelFact> inPanel) =>
        inPanel.Filter(f => f.Key.Firm == firm && f.State == ApprovalState.Approved)
            .Map(f => f.Key);
}
