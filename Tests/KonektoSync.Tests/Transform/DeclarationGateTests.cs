using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class DeclarationGateTests
{
    [Fact]
    public void A_missing_vat7_declaration_gives_an_event_and_no_value()
    {
        var jan = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 500m);
        var mar = Declaration("2", "VAT-7(22)", new DateOnly(2024, 3, 31), 700m);

        var result = DeclarationGate.Apply(Seq(jan, mar), P(2024, 1), P(2024, 3));

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

        var result = DeclarationGate.Apply(Seq1(jan), P(2024, 1), P(2024, 2));

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

        var result = DeclarationGate.Apply(Seq(a, b), P(2024, 1), P(2024, 2));

        Assert.Empty(result.Taxes);
        var unknown = Assert.Single(result.Events);
        Assert.Equal((Severity.Info, "declaration.form-unknown"), (unknown.Severity, unknown.Code));
        Assert.Contains("VAT-UE", unknown.Message);
    }

    [Fact]
    public void A_tax_the_firm_does_not_file_gives_no_missing_events()
    {
        var vat = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 1m);

        var result = DeclarationGate.Apply(Seq1(vat), P(2024, 1), P(2024, 1));

        Assert.Empty(result.Events);
    }

    [Fact]
    public void Quarterly_vat_is_expected_only_for_quarter_end_months()
    {
        var q1 = Declaration("1", "JPK_V7K", new DateOnly(2024, 3, 31), 900m);

        var result = DeclarationGate.Apply(Seq1(q1), P(2024, 1), P(2024, 6));

        Assert.Equal(new[] { Some(P(2024, 6)) }, result.Events.Map(e => e.Period).ToArray());
    }

    [Fact]
    public void A_declaration_with_no_amount_counts_as_filed_but_gives_no_value()
    {
        var jan = Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), null);

        var result = DeclarationGate.Apply(Seq1(jan), P(2024, 1), P(2024, 1));

        Assert.Empty(result.Taxes);
        Assert.Empty(result.Events);
    }
}
