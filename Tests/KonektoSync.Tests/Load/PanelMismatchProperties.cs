using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;

namespace KonektoSync.Tests.Load;

/// <summary>The comparison of the panel's mark with the journal's.</summary>
[Properties(MaxTest = 200)]
public class PanelMismatchProperties
{
    private static Gen<string> Identity => Gen.Elements("a1", "b2", "c3");

    private static Gen<PanelMark> Mark =>
        from id in Identity
        from generation in Gen.Choose(0, 20)
        select new PanelMark(id, generation);

    [Property]
    public Property The_journal_is_trusted_exactly_for_the_same_panel_at_the_same_or_a_newer_generation() =>
        Prop.ForAll(Mark.ToArbitrary(), Mark.ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), (kept, current, delivered) =>
        {
            var trusted = kept.Identity == current.Identity && current.Generation >= kept.Generation;
            return PanelMismatch.Compare(kept, current, delivered).IsNone == trusted;
        });

    [Property]
    public Property Another_identity_is_another_panel_and_a_lower_generation_an_older_copy() =>
        Prop.ForAll(Mark.ToArbitrary(), Mark.ToArbitrary(), (kept, current) =>
            PanelMismatch.Compare(kept, current, 1).Match(
                Some: r => r == (kept.Identity != current.Identity ? MismatchReason.OtherPanel : MismatchReason.OlderCopy),
                None: () => true));

    [Property]
    public Property Without_a_kept_mark_only_an_empty_journal_is_trusted() =>
        Prop.ForAll(Mark.ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), (current, delivered) =>
            PanelMismatch.Compare(null, current, delivered).Match(
                Some: r => delivered > 0 && r == MismatchReason.Unmarked,
                None: () => delivered == 0));
}
