using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class ReportOrderTests
{
    [Fact]
    public void A_report_regenerated_without_a_tax_keeps_the_older_value_and_says_so()
    {
        var march = P(2024, 3);
        var old = Report("1", new DateTime(2024, 4, 10, 9, 0, 0), Tax("VAT-7", march, 700m), Tax("PIT-4", march, 80m));
        var regenerated = Report("2", new DateTime(2024, 4, 15, 12, 30, 0), Tax("PIT-4", march, 95m));

        var result = ReportOrder.Resolve(Seq(old, regenerated), march, march);

        var vat = Assert.Single(result.Items, i => i.Item.Code == "VAT-7");
        Assert.Equal((700m, "1"), (vat.Item.Amount!.Value, vat.Report.ReportId));
        var pit = Assert.Single(result.Items, i => i.Item.Code == "PIT-4");
        Assert.Equal((95m, "2"), (pit.Item.Amount!.Value, pit.Report.ReportId));
        var note = Assert.Single(result.Events);
        Assert.Equal(Severity.Info, note.Severity);
        Assert.Equal("Fakt: VAT-7 for 2024-03 taken from the report of 2024-04-10 09:00, " +
            "the newer report of 2024-04-15 12:30 does not contain it", note.Message);
        Assert.Equal("to stop that, delete the old report in Przegląd wydruków", note.Remedy);
    }

    [Fact]
    public void Items_outside_the_range_are_left_out()
    {
        var report = Report("1", new DateTime(2024, 5, 1), Tax("VAT-7", P(2024, 3), 1m), Tax("VAT-7", P(2024, 4), 2m));

        var result = ReportOrder.Resolve(Seq1(report), P(2024, 4), P(2024, 4));

        Assert.Equal(P(2024, 4), Assert.Single(result.Items).Period);
    }

    [Fact]
    public void Reports_generated_at_the_same_time_are_ordered_by_the_larger_id()
    {
        var at = new DateTime(2024, 5, 1);
        var nine = Report("9", at, Tax("VAT-7", P(2024, 4), 9m));
        var ten = Report("10", at, Tax("VAT-7", P(2024, 4), 10m));

        var result = ReportOrder.Resolve(Seq(ten, nine), P(2024, 4), P(2024, 4));

        Assert.Equal(10m, Assert.Single(result.Items).Item.Amount);
    }

    [Fact]
    public void A_newer_report_for_another_month_is_not_a_regeneration()
    {
        var march = Report("1", new DateTime(2024, 4, 10), Tax("VAT-7", P(2024, 3), 1m));
        var april = Report("2", new DateTime(2024, 5, 10), Tax("PIT-4", P(2024, 4), 2m));

        var result = ReportOrder.Resolve(Seq(march, april), P(2024, 3), P(2024, 4));

        Assert.Equal(2, result.Items.Count);
        Assert.Empty(result.Events);
    }
}
