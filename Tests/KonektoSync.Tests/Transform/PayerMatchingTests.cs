using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using KonektoSync.Tests.Generators;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class PayerMatchingTests
{
    private static readonly Nip Bakery = DomainGen.Valid(Nip.Create("8567346215"));
    private static readonly Nip Builder = DomainGen.Valid(Nip.Create("1234563218"));
    private static readonly Nip OwnerNip = DomainGen.Valid(Nip.Create("5260250274"));
    private static readonly Pesel OwnerPesel = DomainGen.Valid(Pesel.Create("44051401359"));

    private static Person Owner(Option<Pesel> pesel, Option<Nip> nip) =>
        new("Jan", "Nowak", pesel, nip, None, None, PersonRole.Owner);

    private static MergedFirm Firm(Nip nip, ProgramId program, params Person[] people) =>
        new(nip, Seq1(new FirmInProgram(program, "1",
            new Firm(nip, "Firma", None, "", None, None, toSeq(people)))));

    private static PayerIdentity Payer(string key, Option<Nip> nip, Option<Pesel> pesel) =>
        new(key, nip, pesel, $"Płatnik {key}");

    [Fact]
    public void Assigns_a_payer_to_the_firm_whose_owner_has_the_same_pesel()
    {
        var firms = Seq(Firm(Bakery, ProgramId.Raks, Owner(Some(OwnerPesel), None)), Firm(Builder, ProgramId.Fakt));

        var actual = PayerMatching.Assign(Seq1(Payer("P1", None, Some(OwnerPesel))), firms);

        Assert.Equal(Map(("P1", Bakery)), actual.Assigned);
        Assert.Equal(Map((Bakery, 1)), actual.CountPerFirm);
        Assert.True(actual.Unmatched.IsEmpty && actual.Events.IsEmpty);
    }

    [Fact]
    public void Assigns_a_payer_by_the_owners_nip_or_by_the_firms_own_nip()
    {
        var firms = Seq(Firm(Bakery, ProgramId.Raks, Owner(None, Some(OwnerNip))), Firm(Builder, ProgramId.Fakt));
        var payers = Seq(Payer("P1", Some(OwnerNip), None), Payer("P2", Some(Builder), None),
            Payer("P3", Some(Bakery), None));

        var actual = PayerMatching.Assign(payers, firms);

        Assert.Equal(Map(("P1", Bakery), ("P2", Builder), ("P3", Bakery)), actual.Assigned);
        Assert.Equal(Map((Bakery, 2), (Builder, 1)), actual.CountPerFirm);
    }

    [Fact]
    public void Leaves_a_payer_matching_two_firms_unassigned_and_reports_it()
    {
        var firms = Seq(Firm(Bakery, ProgramId.Raks, Owner(Some(OwnerPesel), None)),
            Firm(Builder, ProgramId.Fakt, Owner(Some(OwnerPesel), None)));
        var payer = Payer("P1", None, Some(OwnerPesel));

        var actual = PayerMatching.Assign(Seq1(payer), firms);

        Assert.True(actual.Assigned.IsEmpty);
        Assert.Equal(Seq1(payer), actual.Unmatched);
        Assert.Equal(Seq1("payer.ambiguous"), actual.Events.Map(e => e.Code));
        Assert.DoesNotContain("44051401359", actual.Events.Head.Message + string.Join("", actual.Events.Head.Args));
    }

    [Fact]
    public void Leaves_a_payer_matching_no_firm_unassigned()
    {
        var firms = Seq1(Firm(Bakery, ProgramId.Raks, Owner(None, None)));
        var payer = Payer("P1", Some(OwnerNip), Some(OwnerPesel));

        var actual = PayerMatching.Assign(Seq1(payer), firms);

        Assert.Equal((0, Seq1(payer)), (actual.Assigned.Count, actual.Unmatched));
        Assert.True(actual.Events.IsEmpty);
    }

    [Fact]
    public void Never_matches_on_a_missing_identifier()
    {
        var firms = Seq1(Firm(Bakery, ProgramId.Raks, Owner(None, None)));

        var actual = PayerMatching.Assign(Seq1(Payer("P1", None, None)), firms);

        Assert.True(actual.Assigned.IsEmpty);
    }

    [Fact]
    public void Never_matches_on_a_placeholder_nip_even_when_a_user_carries_the_same_one()
    {
        var placeholder = DomainGen.Valid(Nip.Create("0000000000"));
        var firms = Seq1(Firm(Bakery, ProgramId.Raks, Owner(None, Some(placeholder))));

        var actual = PayerMatching.Assign(Seq1(Payer("P1", Some(placeholder), None)), firms);

        Assert.True(actual.Assigned.IsEmpty);
        Assert.Equal("P1", Assert.Single(actual.Unmatched).PayerKey);
    }

    [Fact]
    public void The_owner_of_a_sole_trader_firm_who_is_also_a_partner_is_assigned_to_the_firm_of_his_own_NIP()
    {
        // the sole-trader firm's NIP is the owner's; the civil partnership lists him as a partner by PESEL
        var firms = Seq(Firm(OwnerNip, ProgramId.Raks, Owner(Some(OwnerPesel), Some(OwnerNip))),
            Firm(Builder, ProgramId.Fakt, new Person("Jan", "Nowak", Some(OwnerPesel), None, None, None, PersonRole.Partner)));
        var payer = Payer("P1", Some(OwnerNip), Some(OwnerPesel));

        var actual = PayerMatching.Assign(Seq1(payer), firms);

        Assert.Equal(Map(("P1", OwnerNip)), actual.Assigned);
        Assert.True(actual.Unmatched.IsEmpty);
        var e = Assert.Single(actual.Events);
        Assert.Equal(("payer.also-partner", Severity.Info), (e.Code, e.Severity));
        Assert.Contains(Builder.Formatted, e.Message);
        Assert.DoesNotContain("44051401359", e.Message + string.Join("", e.Args));
    }

    [Fact]
    public void A_partner_in_two_firms_neither_of_them_his_own_is_still_reported_as_ambiguous()
    {
        var partner = new Person("Jan", "Nowak", Some(OwnerPesel), None, None, None, PersonRole.Partner);
        var firms = Seq(Firm(Bakery, ProgramId.Raks, partner), Firm(Builder, ProgramId.Fakt, partner));

        var actual = PayerMatching.Assign(Seq1(Payer("P1", Some(OwnerNip), Some(OwnerPesel))), firms);

        Assert.True(actual.Assigned.IsEmpty);
        Assert.Equal(Seq1("payer.ambiguous"), actual.Events.Map(e => e.Code));
    }
}
