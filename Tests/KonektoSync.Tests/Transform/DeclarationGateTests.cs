using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class DeclarationGateTests
{
    /// <summary>A day after every due date in these examples.</summary>
    private static readonly DateOnly Later = new(2030, 1, 1);

    [Fact]
    public void A_missing_vat7_declaration_gives_an_event_and_no_value()
    {
        var jan = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 500m);
        var mar = Declaration("2", "VAT-7(22)", new DateOnly(2024, 3, 31), 700m);

        var result = DeclarationGate.Apply(Seq(jan, mar), P(2024, 1), P(2024, 3), Later);

        Assert.Equal(new[] { P(2024, 1), P(2024, 3) }, result.Taxes.Map(t => t.Period).ToArray());
        Assert.DoesNotContain(result.Taxes, t => t.Period == P(2024, 2));
        var missing = Assert.Single(result.Events);
        Assert.Equal("raks.declaration-missing", missing.Code);
        Assert.Equal("Raks: no VAT-7 declaration for 2024-02", missing.Message);
        Assert.Equal("add it in Księgowość > Deklaracje (Ctrl+F6)", missing.Remedy);
        Assert.Equal(Some(P(2024, 2)), missing.Period);
        Assert.Equal(Some(DataKind.Taxes), missing.Kind);
    }

    [Fact]
    public void A_missing_pit4r_names_the_annual_declaration_dated_the_last_day_of_the_month()
    {
        var jan = Declaration("1", "PIT-4R", new DateOnly(2024, 1, 31), 300m);

        var result = DeclarationGate.Apply(Seq1(jan), P(2024, 1), P(2024, 2), Later);

        var taxes = Assert.Single(result.Taxes);
        Assert.Equal((TaxKind.Pit4, P(2024, 1), Money.Pln(300m)), (taxes.Kind, taxes.Period, taxes.Amount));
        var missing = Assert.Single(result.Events);
        Assert.Contains("PIT-4R", missing.Message);
        Assert.Contains("2024-02-29", missing.Remedy);
        Assert.Contains("Kadry i Płace > Zestawienia > Deklaracje", missing.Remedy);
    }

    [Fact]
    public void Form_names_are_matched_whatever_their_case_spaces_or_dashes()
    {
        var names = new[] { "jpk_v7m", "JPK V7K", "pit 5l", "PIT-36L", "Ryczałt miesięczny", "cit-8", "PIT8AR" };

        var kinds = names.Select(n => TaxForms.Recognize(n).Map(f => f.Kind)).ToArray();

        Assert.Equal(new[]
        {
            Some(TaxKind.Vat7), Some(TaxKind.Vat7K), Some(TaxKind.Pit5), Some(TaxKind.Pit5),
            Some(TaxKind.Pit28), Some(TaxKind.Cit), Some(TaxKind.Pit8A),
        }, kinds);
    }

    [Fact]
    public void An_unknown_form_is_skipped_with_one_info_event_per_name()
    {
        var a = Declaration("1", "VAT-UE", new DateOnly(2024, 1, 31), 1m);
        var b = Declaration("2", "VAT-UE", new DateOnly(2024, 2, 29), 1m);

        var result = DeclarationGate.Apply(Seq(a, b), P(2024, 1), P(2024, 2), Later);

        Assert.Empty(result.Taxes);
        var unknown = Assert.Single(result.Events);
        Assert.Equal((Severity.Info, "declaration.form-unknown"), (unknown.Severity, unknown.Code));
        Assert.Contains("VAT-UE", unknown.Message);
    }

    [Fact]
    public void A_tax_the_firm_does_not_file_gives_no_missing_events()
    {
        var vat = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 1m);

        var result = DeclarationGate.Apply(Seq1(vat), P(2024, 1), P(2024, 1), Later);

        Assert.Empty(result.Events);
    }

    [Fact]
    public void Quarterly_vat_is_expected_only_for_quarter_end_months()
    {
        var q1 = Declaration("1", "JPK_V7K", new DateOnly(2024, 3, 31), 900m);

        var result = DeclarationGate.Apply(Seq1(q1), P(2024, 1), P(2024, 6), Later);

        Assert.Equal(new[] { Some(P(2024, 6)) }, result.Events.Map(e => e.Period).ToArray());
    }

    [Fact]
    public void A_declaration_with_no_amount_counts_as_filed_but_gives_no_value()
    {
        var jan = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), null);

        var result = DeclarationGate.Apply(Seq1(jan), P(2024, 1), P(2024, 1), Later);

        Assert.Empty(result.Taxes);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void A_quarterly_declaration_is_the_value_of_its_quarter_under_the_quarters_last_month()
    {
        var q1 = Declaration("1", "PIT-5L kwartalny", new DateOnly(2024, 2, 15), 1200m);
        var q2 = Declaration("2", "Ryczałt kwartalny", new DateOnly(2024, 6, 30), 800m);

        var result = DeclarationGate.Apply(Seq(q1, q2), P(2024, 1), P(2024, 6), Later);

        Assert.Equal(new[] { (TaxKind.Pit5Quarterly, P(2024, 3)), (TaxKind.Pit28Quarterly, P(2024, 6)) },
            result.Taxes.Map(t => (t.Kind, t.Period)).ToArray());
    }

    [Fact]
    public void A_missing_quarterly_declaration_names_the_quarter()
    {
        var q1 = Declaration("1", "VAT-7D", new DateOnly(2015, 3, 31), 900m);

        var result = DeclarationGate.Apply(Seq1(q1), P(2015, 1), P(2015, 6), Later);

        var missing = Assert.Single(result.Events);
        Assert.Equal("Raks: no VAT-7D declaration for the quarter 2015-Q2", missing.Message);
        Assert.Equal(new[] { "VAT-7D", "2015-06", "quarterly", "2015-Q2" }, missing.Args.ToArray());
    }

    [Fact]
    public void A_period_whose_tax_is_not_due_yet_gives_no_missing_event()
    {
        var jan = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 500m);
        var range = (P(2024, 1), P(2024, 3));

        Assert.Equal(new[] { P(2024, 2) }, Missing(jan, range, new DateOnly(2024, 4, 24)));  // March VAT due 25 Apr
        Assert.Equal(new[] { P(2024, 2), P(2024, 3) }, Missing(jan, range, new DateOnly(2024, 4, 25)));
        Assert.Empty(Missing(jan, range, new DateOnly(2024, 3, 24)));                          // February due 25 Mar
    }

    [Fact]
    public void A_quarter_is_not_expected_before_its_due_date()
    {
        var q1 = Declaration("1", "JPK_V7K", new DateOnly(2024, 3, 31), 900m);

        Assert.Empty(Missing(q1, (P(2024, 1), P(2024, 6)), new DateOnly(2024, 7, 24)));
        Assert.Equal(new[] { P(2024, 6) }, Missing(q1, (P(2024, 1), P(2024, 6)), new DateOnly(2024, 7, 25)));
    }

    [Fact]
    public void Annual_pit4r_goes_through_the_monthly_from_annual_rule_latest_created_wins()
    {
        var early = Declaration("1", "PIT-4R", new DateOnly(2024, 2, 29), 100m, new DateTime(2024, 3, 1, 8, 0, 0));
        var late = Declaration("2", "PIT-4R(9)", new DateOnly(2024, 2, 10), 150m, new DateTime(2024, 3, 2, 8, 0, 0));

        var result = DeclarationGate.Apply(Seq(late, early), P(2024, 2), P(2024, 2), Later);

        var tax = Assert.Single(result.Taxes);
        Assert.Equal((TaxKind.Pit4, P(2024, 2), Money.Pln(150m)), (tax.Kind, tax.Period, tax.Amount));
        Assert.Equal(MonthlyFromAnnual.Take(Seq(early, late)).Map(m => m.Source), Seq1(tax.Source));
    }

    [Theory]
    [InlineData("PIT-5L kwartalny", TaxKind.Pit5Quarterly)]
    [InlineData("PIT-36L (kwartalna)", TaxKind.Pit5Quarterly)]
    [InlineData("PIT-5 kw.", TaxKind.Pit5Quarterly)]
    [InlineData("Ryczałt kwartalny", TaxKind.Pit28Quarterly)]
    [InlineData("PIT-28 kwartał", TaxKind.Pit28Quarterly)]
    [InlineData("CIT kwartalny", TaxKind.CitQuarterly)]
    [InlineData("VAT-7D(6)", TaxKind.Vat7D)]
    [InlineData("VAT-7 kwartalny", TaxKind.Vat7K)]
    [InlineData("Ryczałt miesięczny", TaxKind.Pit28)]
    [InlineData("PIT-5L(12)", TaxKind.Pit5)]
    public void Quarterly_form_names_are_recognised_as_their_quarterly_tax(string name, TaxKind kind)
    {
        var recognized = TaxForms.Recognize(name).Map(f => f.Kind);

        Assert.Equal(Some(kind), recognized);
    }

    [Theory]
    [InlineData("PIT-4 kwartalny")]
    [InlineData("PIT-8AR kwartalny")]
    [InlineData("JPK_V7M kwartalny")]
    public void A_quarterly_name_of_a_tax_that_has_no_quarterly_form_is_not_recognised(string name)
    {
        var recognized = TaxForms.Recognize(name);

        Assert.True(recognized.IsNone);
    }

    private static Period[] Missing(RawDeclaration declaration, (Period From, Period To) range, DateOnly today) =>
        DeclarationGate.Apply(Seq1(declaration), range.From, range.To, today).Events
            .Filter(e => e.Code == "raks.declaration-missing").Map(e => P(e.Args[1])).ToArray();
}
