using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class FirmMergeTests
{
    private static RawFirm Raw(ProgramId program, string key, string? nip, string name = "Piekarnia Nowak") =>
        new(program, key, nip, name, null, null, "Kraków", null, null, null, []);

    [Fact]
    public void Merges_a_firm_found_in_two_programs_under_differently_written_nips()
    {
        var found = Seq(Raw(ProgramId.Raks, "7", "856-734-62-15"),
            Raw(ProgramId.Fakt, "FIRMA01", "PL8567346215"));

        var actual = FirmMerge.Merge(found);

        var firm = actual.Firms.Single();
        Assert.Equal("8567346215", firm.Nip.Value);
        Assert.Equal(Seq((ProgramId.Fakt, "FIRMA01"), (ProgramId.Raks, "7")),
            firm.Sources.Map(s => (s.Program, s.FirmKey)));
        Assert.True(actual.Events.IsEmpty);
    }

    [Fact]
    public void Never_merges_by_name_and_reports_the_firm_with_an_invalid_nip()
    {
        var found = Seq(Raw(ProgramId.Raks, "7", "8567346215"),
            Raw(ProgramId.Fakt, "F2", "526-025-02-75"));

        var actual = FirmMerge.Merge(found);

        Assert.Equal(Seq1(ProgramId.Raks), actual.Firms.Single().Programs);
        var e = actual.Events.Single();
        Assert.Equal(("firm.invalid-nip", Severity.Warning, Some(ProgramId.Fakt)),
            (e.Code, e.Severity, e.Program));
        Assert.Equal(Seq("fakt", "F2", "Piekarnia Nowak", "526-025-02-75", "nip.checksum", "Fakt",
            "NIP 526-025-02-75: wrong check digit"), e.Args);
        Assert.Contains("Fakt", e.Message);
        Assert.Equal("Correct the NIP in Fakt.", e.Remedy);
    }

    [Fact]
    public void Reports_a_firm_without_a_nip()
    {
        var actual = FirmMerge.Merge(Seq1(Raw(ProgramId.Optima, "BIURO_X", null)));

        Assert.True(actual.Firms.IsEmpty);
        Assert.Equal(Seq1("firm.invalid-nip"), actual.Events.Map(e => e.Code));
        Assert.Contains("has no NIP", actual.Events.Head.Message);
    }

    [Fact]
    public void Keeps_both_entries_of_a_program_that_lists_a_nip_twice_and_reports_it()
    {
        var found = Seq(Raw(ProgramId.Raks, "2", "8567346215"), Raw(ProgramId.Raks, "1", "8567346215"));

        var actual = FirmMerge.Merge(found);

        Assert.Equal(Seq("1", "2"), actual.Firms.Single().Sources.Map(s => s.FirmKey));
        Assert.Equal(Seq1("firm.duplicate-in-program"), actual.Events.Map(e => e.Code));
    }

    [Fact]
    public void Orders_firms_by_nip()
    {
        var found = Seq(Raw(ProgramId.Raks, "1", "8567346215"), Raw(ProgramId.Raks, "2", "1234563218"));

        var actual = FirmMerge.Merge(found).Firms.Map(f => f.Nip.Value);

        Assert.Equal(Seq("1234563218", "8567346215"), actual);
    }

    [Fact]
    public void Reports_a_firm_with_a_valid_nip_but_no_name()
    {
        var actual = FirmMerge.Merge(Seq1(Raw(ProgramId.Raks, "1", "8567346215", name: " ")));

        Assert.Equal((0, Seq1("firm.invalid")), (actual.Firms.Count, actual.Events.Map(e => e.Code)));
    }

    [Theory]
    [InlineData("0000000000")]
    [InlineData("000-000-00-00")]
    [InlineData("PL 1111111111")]
    [InlineData("999-999-99-99")]
    [InlineData("0123456789")]
    public void Firms_sharing_a_placeholder_nip_are_not_merged_and_each_gets_one_event(string nip)
    {
        var found = Seq(Raw(ProgramId.Raks, "7", nip, "Piekarnia Nowak"),
            Raw(ProgramId.Fakt, "PIEKARZ", nip, "Zakład Stolarski Wiśniewski"));

        var actual = FirmMerge.Merge(found);

        Assert.Empty(actual.Firms);
        Assert.Equal(new[] { ("firm.placeholder-nip", "7"), ("firm.placeholder-nip", "PIEKARZ") },
            actual.Events.Map(e => (e.Code, e.Args[1])).OrderBy(e => e.Item2, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_placeholder_nip_event_says_what_happened_and_how_to_fix_it()
    {
        var actual = FirmMerge.Merge(Seq1(Raw(ProgramId.Raks, "7", "0000000000")));

        var e = Assert.Single(actual.Events);
        Assert.Equal(Severity.Warning, e.Severity);
        Assert.Equal("Firm 'Piekarnia Nowak' (key 7) in Raks has the placeholder NIP 000-000-00-00; " +
            "it is not merged with other firms and not synchronised", e.Message);
        Assert.Equal("Enter the firm's own NIP in Raks.", e.Remedy);
    }

    [Fact]
    public void A_placeholder_firm_does_not_join_a_real_firm_found_elsewhere()
    {
        var found = Seq(Raw(ProgramId.Raks, "7", "856-734-62-15"), Raw(ProgramId.Fakt, "X", "0000000000"));

        var actual = FirmMerge.Merge(found);

        var firm = Assert.Single(actual.Firms);
        Assert.Equal(("8567346215", 1), (firm.Nip.Value, firm.Sources.Count));
    }

    [Theory]
    [InlineData("0000000000", true)]
    [InlineData("5555555555", true)]
    [InlineData("0123456789", true)]
    [InlineData("8567346215", false)]
    [InlineData("1234563218", false)]
    public void Placeholders_are_the_same_digit_and_ascending_nips(string digits, bool placeholder)
    {
        var nip = Nip.Create(digits).Match(Succ: n => n, Fail: _ => throw new InvalidOperationException(digits));

        Assert.Equal(placeholder, FirmValidation.IsPlaceholder(nip));
    }
}
