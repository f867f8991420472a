using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

/// <summary>Rule 7 on the sync's path: Płatnik payers, given as discovery reports them, become sources of firms.</summary>
public class PayerHookTests
{
    private const string Bakery = "8567346215";
    private const string Builder = "1234563218";
    private const string OwnerNip = "5260250274";
    private const string OwnerPesel = "44051401359";

    private static readonly Period Month = DomainGen.Valid(Period.Create(2024, 1));

    private static RawPerson Owner(string? pesel, string? nip = null) =>
        new("Jan", "Nowak", pesel, nip, null, null, "Owner");

    private static RawFirm Firm(ProgramId program, string key, string nip, params RawPerson[] people) =>
        new(program, key, nip, $"Firma {key}", "Długa 5", "00-001", "Warszawa", null, null, null, people);

    private static RawFirm Payer(string key, string? nip, string? pesel) =>
        new(ProgramId.Platnik, key, nip, $"Płatnik {key}", null, null, null, null, null, null,
            pesel is null ? [] : [new RawPerson("Jan", "Nowak", pesel, null, null, null, null)]);

    private static Nip N(string s) => DomainGen.Valid(Nip.Create(s));

    [Fact]
    public void A_payer_with_the_pesel_of_a_firms_owner_becomes_a_source_of_that_firm_under_the_payer_key()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery, Owner(OwnerPesel)), Payer("P1", null, OwnerPesel));

        var actual = PayerHook.Assemble(found, matchPayers: true);

        var firm = Assert.Single(actual.Firms);
        Assert.Equal(Seq(ProgramId.Platnik, ProgramId.Raks), firm.Programs);
        Assert.Equal(Some("P1"), firm.In(ProgramId.Platnik).Map(s => s.FirmKey));
        Assert.Equal(1, actual.PayersOf(N(Bakery)));
        Assert.True(actual.Events.IsEmpty);
    }

    [Fact]
    public void A_payer_with_the_nip_of_an_owner_or_of_the_firm_is_counted_for_that_firm()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery, Owner(null, OwnerNip)), Firm(ProgramId.Fakt, "B", Builder),
            Payer("P1", OwnerNip, null), Payer("P2", Bakery, null), Payer("P3", Builder, null));

        var actual = PayerHook.Assemble(found, matchPayers: true);

        Assert.Equal(Seq(N(Builder), N(Bakery)).OrderBy(n => n).ToSeq(), actual.Firms.Map(f => f.Nip));
        Assert.Equal((2, 1), (actual.PayersOf(N(Bakery)), actual.PayersOf(N(Builder))));
    }

    [Fact]
    public void Payers_of_Platnik_and_Reset2_Platnik_with_the_same_key_are_two_payers_each_matched_to_its_firm()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery), Firm(ProgramId.Fakt, "B", Builder),
            Payer("1", Bakery, null), Payer("1", Builder, null) with { Program = ProgramId.Reset2Platnik });

        var actual = PayerHook.Assemble(found, matchPayers: true);

        Assert.DoesNotContain(actual.Events, e => e.Code == "payer.duplicate-key");
        Assert.Equal((1, 1), (actual.PayersOf(N(Bakery)), actual.PayersOf(N(Builder))));
        var builder = actual.Firms.Single(f => f.Nip == N(Builder));
        Assert.Equal(Some("1"), builder.In(ProgramId.Reset2Platnik).Map(s => s.FirmKey));
        Assert.True(actual.Firms.Single(f => f.Nip == N(Bakery)).In(ProgramId.Reset2Platnik).IsNone);
    }

    [Fact]
    public void A_payer_that_matches_no_firm_is_a_firm_of_its_own_by_its_nip()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery), Payer("P9", Builder, null));

        var actual = PayerHook.Assemble(found, matchPayers: true);

        Assert.Equal(Seq(Seq1(ProgramId.Platnik), Seq1(ProgramId.Raks)),
            actual.Firms.OrderBy(f => f.Nip == N(Builder) ? 0 : 1).Map(f => f.Programs).ToSeq());
        Assert.Equal(0, actual.PayersOf(N(Builder)));
    }

    [Fact]
    public void A_payer_matching_two_firms_is_reported_and_is_no_firms_source()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery, Owner(OwnerPesel)),
            Firm(ProgramId.Fakt, "B", Builder, Owner(OwnerPesel)), Payer("P1", null, OwnerPesel));

        var actual = PayerHook.Assemble(found, matchPayers: true);

        Assert.All(actual.Firms, f => Assert.DoesNotContain(ProgramId.Platnik, f.Programs));
        Assert.Equal("payer.ambiguous", Assert.Single(actual.Events).Code);
        Assert.True(actual.PayersPerFirm.IsEmpty);
    }

    [Fact]
    public void With_the_option_off_payers_are_merged_by_nip_only()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery, Owner(OwnerPesel)), Payer("P1", null, OwnerPesel),
            Payer("P2", Bakery, null));

        var actual = PayerHook.Assemble(found, matchPayers: false);

        var firm = Assert.Single(actual.Firms);
        Assert.Equal(Seq(ProgramId.Platnik, ProgramId.Raks), firm.Programs);
        Assert.Equal(Some("P2"), firm.In(ProgramId.Platnik).Map(s => s.FirmKey));
        Assert.Equal("firm.invalid-nip", Assert.Single(actual.Events).Code);
        Assert.True(actual.PayersPerFirm.IsEmpty);
    }

    [Fact]
    public void The_plan_counts_the_payers_per_firm_and_reads_zus_from_platnik_under_the_payer_key_when_chosen()
    {
        var found = PayerHook.Assemble(
            Seq(Firm(ProgramId.Raks, "17", Bakery, Owner(OwnerPesel)), Payer("P1", null, OwnerPesel)), matchPayers: true);
        var global = SourceSettings.None.With(SourceSlot.Zus, SourceSetting.Of(ProgramId.Platnik));
        var request = new SyncRequest(Month, Month, Set(DataKind.Zus), None, false, false, true);

        var plan = SyncPlanner.Plan(found, Map<Nip, SourceSettings>(), global, Set(N(Bakery)), request);

        Assert.Equal(1, Assert.Single(plan.Rows).Payers);
        Assert.Equal(Seq1(new PlanItem(N(Bakery), "P1", Set(DataKind.Zus))), plan.PerProgram[ProgramId.Platnik]);
    }

    [Fact]
    public void A_payer_matching_no_firm_is_listed_as_unmatched_with_what_to_do()
    {
        var found = Seq(Firm(ProgramId.Raks, "17", Bakery), Payer("P9", Builder, null));

        var actual = PayerHook.Assemble(found, matchPayers: true);

        var e = Assert.Single(actual.Events);
        Assert.Equal(("payer.unmatched", Severity.Warning), (e.Code, e.Severity));
        Assert.Contains("P9", e.Args);
        Assert.Contains("PESEL", e.Remedy);
    }
}
