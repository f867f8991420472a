using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class FactBuilderTests
{
    /// <summary>A day after every due date these tests use.</summary>
    private static readonly DateOnly Today = new(2030, 1, 1);
    private static readonly BuildOptions Raks = new(false, PayerType.Other, RuleSet.Raks, Today, TestKeys.Pesel);
    private static readonly BuildOptions Fakt = new(false, PayerType.Other, RuleSet.Fakt, Today, TestKeys.Pesel);

    private static RawZusDeclaration Dra(string id, int year, int month, decimal? total, string? pesel = "44051401359") =>
        new(ProgramId.Platnik, "1", FirmNip, id, null, pesel, "Jan Kowalski", "SelfOnly", year, month,
            800m, 300m, 100m, 50m, 700m, null, null, null, total);

    [Fact]
    public void Raks_taxes_become_facts_with_due_dates_and_missing_months_become_events()
    {
        var group = Seq<SourceRecord>(
            Declaration("1", "VAT-7", new DateOnly(2023, 7, 31), 1000m),
            Declaration("2", "PIT-4R", new DateOnly(2023, 7, 31), 200m));

        var built = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Taxes, group, P(2023, 7), P(2023, 8), Raks);

        Assert.Equal(new[] { "1234563218|taxes|2023-07|PIT-4", "1234563218|taxes|2023-07|VAT-7" },
            built.Facts.Map(f => f.Key.Text).ToArray());
        var vat = (FactBody.Tax)built.Facts.Last.Body;
        Assert.Equal((Money.Pln(1000m), new DateOnly(2023, 8, 25)), (vat.Liability.Amount, vat.DueDate));
        Assert.Equal(2, built.Events.Count(e => e.Code == "raks.declaration-missing"));
        Assert.All(built.Events, e => Assert.Equal(Some(ProgramId.Raks), e.Program));
    }

    [Fact]
    public void A_raks_quarterly_declaration_becomes_a_fact_of_its_quarter_due_after_the_quarter()
    {
        var group = Seq1<SourceRecord>(Declaration("1", "PIT-5L kwartalny", new DateOnly(2024, 1, 31), 1200m));

        var built = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Taxes, group, P(2024, 1), P(2024, 3), Raks);

        var fact = Assert.Single(built.Facts);
        Assert.Equal("1234563218|taxes|2024-03|PIT-5/Q", fact.Key.Text);
        var tax = (FactBody.Tax)fact.Body;
        Assert.Equal((TaxKind.Pit5Quarterly, new DateOnly(2024, 4, 22)), (tax.Liability.Kind, tax.DueDate));
    }

    [Fact]
    public void Raks_months_not_due_yet_give_no_missing_declaration_event()
    {
        var group = Seq1<SourceRecord>(Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 1000m));
        var onTheDayFebruaryIsDue = Raks with { Today = new DateOnly(2024, 3, 25) };

        var built = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Taxes, group, P(2024, 1), P(2024, 3),
            onTheDayFebruaryIsDue);

        Assert.Equal(new[] { Some(P(2024, 2)) },
            built.Events.Filter(e => e.Code == "raks.declaration-missing").Map(e => e.Period).ToArray());
    }

    [Fact]
    public void A_fakt_quarterly_item_is_shown_under_the_last_month_of_its_quarter()
    {
        var group = Seq1<SourceRecord>(Report("1", new DateTime(2024, 4, 10), Tax("Ryczałt kwartalny", P(2024, 2), 300m)));

        var built = FactBuilder.Build(ProgramId.Fakt, FirmNip, DataKind.Taxes, group, P(2024, 1), P(2024, 3), Fakt);

        var fact = Assert.Single(built.Facts);
        Assert.Equal("1234563218|taxes|2024-03|PIT-28/Q", fact.Key.Text);
    }

    [Fact]
    public void A_declaration_without_an_amount_gives_an_event_and_no_value()
    {
        var group = Seq1<SourceRecord>(Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), null));

        var built = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Taxes, group, P(2024, 1), P(2024, 1), Raks);

        Assert.Empty(built.Facts);
        Assert.Equal(new[] { "declaration.amount-missing" }, built.Events.Map(e => e.Code).ToArray());
    }

    [Fact]
    public void Fakt_taxes_come_from_the_newest_report_containing_them()
    {
        var march = P(2024, 3);
        var group = Seq<SourceRecord>(
            Report("1", new DateTime(2024, 4, 10), Tax("VAT-7", march, 700m), Tax("PIT-4", march, 80m)),
            Report("2", new DateTime(2024, 4, 15), Tax("PIT-4", march, 95m)));

        var built = FactBuilder.Build(ProgramId.Fakt, FirmNip, DataKind.Taxes, group, march, march, Fakt);

        Assert.Equal(new[] { ("PIT-4", 95m), ("VAT-7", 700m) },
            built.Facts.Map(f => (f.Key.Subject, ((FactBody.Tax)f.Body).Liability.Amount.Amount)).ToArray());
        Assert.Equal(new[] { "fakt.report-older-value" }, built.Events.Map(e => e.Code).ToArray());
    }

    [Fact]
    public void Zus_declarations_are_keyed_by_payer_without_the_pesel_and_copied_forward_when_asked()
    {
        var group = Seq1<SourceRecord>(Dra("1", 2023, 12, 1950m));
        var options = new BuildOptions(true, PayerType.Other, RuleSet.Generic, Today, TestKeys.Pesel);

        var built = FactBuilder.Build(ProgramId.Platnik, FirmNip, DataKind.Zus, group, P(2024, 1), P(2024, 2), options);

        Assert.Equal(2, built.Facts.Count);
        Assert.All(built.Facts, f => Assert.DoesNotContain("44051401359", f.Key.Text));
        var jan = (FactBody.Zus)built.Facts.Head.Body;
        Assert.Equal((ZusOrigin.Copied, PayerType.SelfOnly, new DateOnly(2024, 2, 20)),
            (jan.Contribution.Origin, jan.Contribution.PayerType, jan.DueDate));
        Assert.Equal(new[] { "zus.copied-across-year" }, built.Events.Map(e => e.Code).ToArray());
        Assert.All(built.Events, e => Assert.Equal(Some(ProgramId.Platnik), e.Program));
    }

    [Fact]
    public void An_invalid_month_or_a_missing_total_skips_the_record_with_an_event()
    {
        var group = Seq<SourceRecord>(Dra("1", 2024, 13, 100m), Dra("2", 2024, 1, null), Dra("3", 2024, 2, 300m));

        var built = FactBuilder.Build(ProgramId.Platnik, FirmNip, DataKind.Zus, group, P(2024, 1), P(2024, 2),
            new BuildOptions(false, PayerType.Other, RuleSet.Generic, Today, TestKeys.Pesel));

        Assert.Equal(new[] { P(2024, 2) }, built.Facts.Map(f => f.Key.Period).Somes().ToArray());
        Assert.Equal(new[] { "period.range", "zus.amount-missing" }, built.Events.Map(e => e.Code).ToArray());
    }

    [Fact]
    public void The_remedy_of_a_rejected_declaration_names_the_payer_only_when_the_program_gives_a_name()
    {
        var named = Dra("2", 2024, 1, null);
        var group = Seq<SourceRecord>(named, named with { DocumentId = "3", Month = 2, PayerName = "  " });

        var built = FactBuilder.Build(ProgramId.Platnik, FirmNip, DataKind.Zus, group, P(2024, 1), P(2024, 2),
            new BuildOptions(false, PayerType.Other, RuleSet.Generic, Today, TestKeys.Pesel));

        Assert.Equal(new[]
        {
            "correct ZUS declaration 2 in Platnik (payer Jan Kowalski) and update again",
            "correct ZUS declaration 3 in Platnik and update again",
        }, built.Events.Map(e => e.Remedy).ToArray());
    }

    [Fact]
    public void The_remedy_of_a_rejected_declaration_reads_in_polish_with_lang_pl()
    {
        var named = Dra("2", 2024, 1, null);
        var group = Seq<SourceRecord>(named, named with { DocumentId = "3", Month = 2, PayerName = "  " });
        var built = FactBuilder.Build(ProgramId.Platnik, FirmNip, DataKind.Zus, group, P(2024, 1), P(2024, 2),
            new BuildOptions(false, PayerType.Other, RuleSet.Generic, Today, TestKeys.Pesel));

        KonektoSync.Host.Texts.Texts.UseLanguage("pl");
        try
        {
            Assert.Equal(new[]
            {
                "popraw deklarację ZUS 2 w programie Platnik (płatnik Jan Kowalski) i zaktualizuj ponownie",
                "popraw deklarację ZUS 3 w programie Platnik i zaktualizuj ponownie",
            }, built.Events.Map(KonektoSync.Host.Texts.Texts.Remedy).ToArray());
        }
        finally { KonektoSync.Host.Texts.Texts.UseLanguage("en"); }
    }

    [Fact]
    public void Facts_outside_the_range_are_dropped()
    {
        var group = Seq<SourceRecord>(Dra("1", 2023, 12, 100m), Dra("2", 2024, 1, 200m));

        var built = FactBuilder.Build(ProgramId.Platnik, FirmNip, DataKind.Zus, group, P(2024, 1), P(2024, 1),
            new BuildOptions(false, PayerType.Other, RuleSet.Generic, Today, TestKeys.Pesel));

        Assert.Equal(Some(P(2024, 1)), Assert.Single(built.Facts).Key.Period);
    }

    [Fact]
    public void Basic_data_becomes_one_firm_fact_with_its_people()
    {
        var person = new RawPerson("Jan", "Kowalski", "44051401359", null, "jan@example.pl", null, "owner");
        var raw = new RawFirm(ProgramId.Raks, "1", "123-456-32-18", "Kowalski sp. j.", "Długa 1", "00-001", "Warszawa",
            " biuro@example.pl ", "", null, new[] { person });
        var group = Seq1<SourceRecord>(new RawBasicData(ProgramId.Raks, "1", FirmNip, raw));

        var built = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Basic, group, P(2024, 1), P(2024, 1), Raks);

        var fact = Assert.Single(built.Facts);
        Assert.Equal("1234563218|basic|-|firm", fact.Key.Text);
        var firm = ((FactBody.BasicData)fact.Body).Firm;
        Assert.Equal(("Kowalski sp. j.", "Długa 1, 00-001 Warszawa", Some("biuro@example.pl")),
            (firm.Name, firm.Address, firm.Email));
        Assert.Equal(PersonRole.Owner, Assert.Single(firm.People).Role);
    }

    [Fact]
    public void The_same_records_give_the_same_hashes_on_every_run()
    {
        var group = Seq1<SourceRecord>(Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 10m));

        var a = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Taxes, group, P(2024, 1), P(2024, 1), Raks);
        var b = FactBuilder.Build(ProgramId.Raks, FirmNip, DataKind.Taxes, group, P(2024, 1), P(2024, 1), Raks);

        Assert.Equal(a.Facts.Map(f => f.ContentHash).ToArray(), b.Facts.Map(f => f.ContentHash).ToArray());
    }
}
