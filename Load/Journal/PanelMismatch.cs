using KonektoSync.Load.Sinks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>Why a panel does not hold what its journal counts as delivered.</summary>
public enum MismatchReason
{
    /// <summary>Another identity: the panel file is new, emptied or replaced.</summary>
    OtherPanel,

    /// <summary>The same panel at an older generation: an older copy was put back.</summary>
    OlderCopy,

    /// <summary>The journal holds facts but no panel mark (kept by an earlier version).</summary>
    Unmarked,
}

/// <summary>A panel found not to hold what the journal counted as delivered, and how many facts that was.</summary>
public sealed record PanelMismatch(MismatchReason Reason, long Delivered)
{
    /// <summary>
    /// Compares the mark the journal kept with the panel's current one. No mark kept and an empty
    /// journal is a first run; the same identity at the same or a newer generation is the panel
    /// the journal knows (newer: a delivery whose confirmation a crash cut off).
    /// </summary>
    public static Option<MismatchReason> Compare(PanelMark? kept, PanelMark current, long delivered) =>
        kept is null ? (delivered == 0 ? None : Some(MismatchReason.Unmarked))
        : kept.Identity != current.Identity ? Some(MismatchReason.OtherPanel)
        : current.Generation < kept.Generation ? Some(MismatchReason.OlderCopy)
        : None;
}
