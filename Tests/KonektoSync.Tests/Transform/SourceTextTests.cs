using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class SourceTextTests
{
    private static readonly BuildOptions Raks = new(false, PayerType.Other, RuleSet.Raks, new DateOnly(2030, 1, 1), TestKeys.Pesel);

    /// <summary>NUL, an ANSI colour escape, the right-to-left override and the other bidi controls.</summary>
    private const string Hostile = "Piek\0arnia \u001b[31mNowak\u001b[0m \u202Egpj.exe\u202C\u2066x\u2069\u200F\u061C\u0085";

    private static bool IsClean(string s) =>
        !s.Any(c => char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E'
            or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F' or '\u061C');

    private static RawFirm Firm(string name, string lastName = "Kowalski") =>
        new(ProgramId.Raks, "1", "123-456-32-18", name, "Długa\u001b[2J 1", "00-001", "Warszawa", null, null, null,
            [new RawPerson("Jan", lastName, null, null, null, null, "owner")]);

    [Fact]
    public void Control_and_bidi_characters_are_stripped_from_discovered_firms_with_an_event_naming_the_firm()
    {
        var merged = FirmMerge.Merge(Seq1(Firm(Hostile, "Kowal\u202Eski")));

        var firm = Assert.Single(merged.Firms).Sources.Head.Firm;
        Assert.Equal("Piekarnia Nowak gpj.exex", firm.Name);
        Assert.Equal("Długa 1, 00-001 Warszawa", firm.Address);
        Assert.Equal("Kowalski", Assert.Single(firm.People).LastName);
        var e = Assert.Single(merged.Events, e => e.Code == "source.control-characters");
        Assert.Equal(Severity.Warning, e.Severity);
        Assert.Contains("Piekarnia Nowak gpj.exex", e.Message);
        Assert.All(merged.Events, ev => Assert.True(IsClean(ev.Message) && ev.Args.All(IsClean)));
    }

    [Fact]
    public void Clean_firms_give_no_event()
    {
        var merged = FirmMerge.Merge(Seq1(Firm("Piekarnia Nowak") with { Street = "Długa 1" }));

        Assert.DoesNotContain(merged.Events, e => e.Code == "source.control-characters");
    }

    [Fact]
    public void A_rejected_firm_is_named_without_its_control_characters()
    {
        var merged = FirmMerge.Merge(Seq1(Firm(Hostile) with { Nip = "123" }));

        Assert.All(merged.Events, ev => Assert.True(IsClean(ev.Message) && ev.Args.All(IsClean), ev.Message));
    }

    [Fact]
    public void Control_characters_are_stripped_from_the_records_a_group_is_built_from()
    {
        var group = Seq<SourceRecord>(
            new RawBasicData(ProgramId.Raks, "1", FirmNip, Firm(Hostile)),
            new RawTrialBalanceLine(ProgramId.Raks, "1", FirmNip, 2024, 1, "201\u001b]0;x\u0007", "Rozrachunki\0 z\u202E odbiorcami",
                1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m));

        var basic = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Basic, group.Take(1), P(2024, 1), P(2024, 1), Raks);
        var lines = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Statements, group.Skip(1), P(2024, 1), P(2024, 1), Raks);

        Assert.Equal("Piekarnia Nowak gpj.exex", ((FactBody.BasicData)Assert.Single(basic.Facts).Body).Firm.Name);
        var line = lines.Facts.Map(f => f.Body).OfType<FactBody.TrialBalance>().Single().Line;
        Assert.Equal(("201", "Rozrachunki z odbiorcami"), (line.Account, line.Name));
        var e = Assert.Single(lines.Events, e => e.Code == "source.control-characters");
        Assert.Equal(Some(FirmNip), e.Firm);
        Assert.Single(basic.Events, e => e.Code == "source.control-characters");
    }
}
