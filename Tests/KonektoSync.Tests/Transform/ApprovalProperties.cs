using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

/// <summary>Rule 10 for one delivered fact (<see cref="Approval.OnDelivery"/>) and for approving a firm.</summary>
[Properties(MaxTest = 300)]
public class ApprovalProperties
{
    private static Gen<ApprovalState> State => Gen.Elements(ApprovalState.Unapproved, ApprovalState.Approved);

    private static Gen<string> Hash => Gen.Elements("h1", "h2", "h3");

    private static Gen<Option<HeldApproval>> Held =>
        Gen.Frequency(
            (1, Gen.Constant(Option<HeldApproval>.None)),
            (3, from hash in Hash from state in State select Some(new HeldApproval(hash, state))));

    [Property]
    public Property A_fact_new_to_the_panel_takes_the_asked_approval() =>
        Prop.ForAll(Hash.ToArbitrary(), State.ToArbitrary(), (hash, asked) =>
            Approval.OnDelivery(None, hash, asked) == new DeliveredApproval(asked, KeepsEarlierApproval: false));

    [Property]
    public Property A_fact_whose_content_changed_takes_the_asked_approval() =>
        Prop.ForAll(Held.ToArbitrary(), Hash.ToArbitrary(), State.ToArbitrary(), (held, hash, asked) =>
            held.Exists(h => h.ContentHash == hash)
            || Approval.OnDelivery(held, hash, asked) == new DeliveredApproval(asked, false));

    [Property]
    public Property An_unchanged_approved_fact_keeps_its_approval_and_its_time() =>
        Prop.ForAll(Hash.ToArbitrary(), State.ToArbitrary(), (hash, asked) =>
            Approval.OnDelivery(Some(new HeldApproval(hash, ApprovalState.Approved)), hash, asked)
            == new DeliveredApproval(ApprovalState.Approved, KeepsEarlierApproval: true));

    [Property]
    public Property An_unchanged_unapproved_fact_takes_the_asked_approval() =>
        Prop.ForAll(Hash.ToArbitrary(), State.ToArbitrary(), (hash, asked) =>
            Approval.OnDelivery(Some(new HeldApproval(hash, ApprovalState.Unapproved)), hash, asked)
            == new DeliveredApproval(asked, KeepsEarlierApproval: false));

    [Property]
    public Property Nothing_is_approved_that_was_neither_asked_nor_approved_with_the_same_content() =>
        Prop.ForAll(Held.ToArbitrary(), Hash.ToArbitrary(), State.ToArbitrary(), (held, hash, asked) =>
        {
            var actual = Approval.OnDelivery(held, hash, asked);
            var wasApprovedAsIs = held.Exists(h => h.ContentHash == hash && h.State == ApprovalState.Approved);
            return actual.State == ApprovalState.Unapproved || asked == ApprovalState.Approved || wasApprovedAsIs;
        });

    [Property]
    public Property The_approval_a_load_asks_for_is_the_requests() =>
        Prop.ForAll(Gen.Elements(true, false).ToArbitrary(), approve =>
        {
            var request = new SyncRequest(P(2024, 1), P(2024, 1), Set(DataKind.Taxes), None, approve,
                SendSummary: false, Manual: true);
            var asked = Approval.OnLoad(request);
            return Approval.OnDelivery(None, "h", asked).State
                == (approve ? ApprovalState.Approved : ApprovalState.Unapproved);
        });

    private static readonly Nip Other = Valid(Nip.Create("8567346215"));

    private static Gen<PanelFact> Fact =>
        from firm in Gen.Elements(FirmNip, Other)
        from month in Gen.Choose(1, 3)
        from subject in Gen.Elements("VAT-7", "PIT-4", "CIT")
        from state in State
        select new PanelFact(new FactKey(firm, DataKind.Taxes, Some(P(2024, month)), subject), state);

    [Property]
    public Property Approving_a_firm_picks_exactly_its_unapproved_data_once_in_key_order() =>
        Prop.ForAll(Fact.ListOf().Resize(12).ToArbitrary(), list =>
        {
            var inPanel = list.DistinctBy(f => f.Key.Text).ToSeq();
            var actual = Approval.ApproveFirm(FirmNip, inPanel).Map(k => k.Text).ToList();
            var expected = inPanel.Filter(f => f.Key.Firm == FirmNip && f.State == ApprovalState.Unapproved)
                .Map(f => f.Key.Text).OrderBy(t => t, StringComparer.Ordinal).ToList();
            return actual.SequenceEqual(expected);
        });
}
