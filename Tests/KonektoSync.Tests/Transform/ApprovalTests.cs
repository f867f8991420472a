using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class ApprovalTests
{
    private static readonly Nip Bakery = DomainGen.Valid(Nip.Create("8567346215"));
    private static readonly Nip Builder = DomainGen.Valid(Nip.Create("1234563218"));
    private static readonly Period January = DomainGen.Valid(Period.Create(2024, 1));

    private static SyncRequest Request(bool approve) =>
        new(January, January, Set(DataKind.Zus), None, approve, SendSummary: false, Manual: true);

    private static PanelFact Fact(Nip firm, string subject, ApprovalState state) =>
        new(new FactKey(firm, DataKind.Taxes, Some(January), subject), state);

    [Theory]
    [InlineData(false, ApprovalState.Unapproved)]
    [InlineData(true, ApprovalState.Approved)]
    public void Loaded_data_is_unapproved_unless_the_update_approves_it(bool approve, ApprovalState expected)
    {
        var actual = Approval.OnLoad(Request(approve));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_load_command_carries_the_requests_approval()
    {
        var actual = Approval.ToLoadCommand(Request(false), Bakery, DataKind.Zus, Seq<Fact>());

        Assert.False(actual.Approve);
    }

    [Fact]
    public void Approving_a_firm_later_approves_all_its_unapproved_data_and_only_its()
    {
        var inPanel = Seq(
            Fact(Bakery, "VAT-7", ApprovalState.Unapproved),
            Fact(Bakery, "PIT-4", ApprovalState.Approved),
            Fact(Builder, "VAT-7", ApprovalState.Unapproved),
            Fact(Bakery, "CIT", ApprovalState.Unapproved));

        var actual = Approval.ApproveFirm(Bakery, inPanel).Map(k => k.Subject);

        Assert.Equal(Seq("CIT", "VAT-7"), actual);
    }

    [Fact]
    public void A_client_sees_only_approved_data()
    {
        var inPanel = Seq(Fact(Bakery, "VAT-7", ApprovalState.Unapproved),
            Fact(Bakery, "PIT-4", ApprovalState.Approved));

        var actual = Approval.VisibleToClient(Bakery, inPanel).Map(k => k.Subject);

        Assert.Equal(Seq1("PIT-4"), actual);
    }
}
