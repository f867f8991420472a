using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class ReportOrderProperties
{
    private static readonly Period From = P(2024, 1);
    private static readonly Period To = P(2024, 4);

    private static readonly Gen<RawReportItem> Item =
        from code in Gen.Elements("VAT-7", "PIT-4", "PIT-5", "PIT-8A")
        from period in RulesArbitraries.PeriodGen(2023, 2024)
        from grosze in Gen.Choose(0, 100_000)
        select Tax(code, period, grosze / 100m);

    private static readonly Gen<Seq<RawReport>> Reports = ReportsOf(Item);

    /// <summary>Up to eight reports of a year and a bit, each of any number of the items given.</summary>
    private static Gen<Seq<RawReport>> ReportsOf(Gen<RawReportItem> item) =>
        from count in Gen.Choose(0, 8)
        from days in Gen.Choose(0, 400).ArrayOf(count)
        from items in item.ListOf().ArrayOf(count)
        select Enumerable.Range(0, count)
            .Select(i => Report(i.ToString(), new DateTime(2024, 1, 1).AddDays(days[i]), items[i].ToArray()))
            .ToSeq();

    private static readonly Gen<(Seq<RawReport>, Seq<RawReport>)> ReportsAndShuffle =
        from reports in Reports
        from shuffled in Gen.Shuffle(reports.ToArray())
        select (reports, shuffled.ToSeq());

    [Property(MaxTest = 300)]
    public Property The_result_does_not_depend_on_the_order_of_the_reports() =>
        Prop.ForAll(ReportsAndShuffle.ToArbitrary(), pair =>
        {
            var (reports, shuffled) = pair;

            var a = ReportOrder.Resolve(reports, From, To);
            var b = ReportOrder.Resolve(shuffled, From, To);

            return a.Items.Map(Describe).SequenceEqual(b.Items.Map(Describe))
                && a.Events.Map(e => e.Message).SequenceEqual(b.Events.Map(e => e.Message));
        });

    [Property(MaxTest = 300)]
    public Property The_newest_report_containing_a_value_wins() =>
        Prop.ForAll(Reports.ToArbitrary(), reports =>
        {
            var result = ReportOrder.Resolve(reports, From, To);

            return result.Items.ForAll(won =>
                won.Report.Items.Contains(won.Item)
                && won.Period >= From && won.Period <= To
                && !reports.Exists(r => IsNewer(r, won.Report) && r.Items.Any(i =>
                    ReportOrder.SubjectOf(i) == won.Subject && i.Year == won.Period.Year && i.Month == won.Period.Month)));
        });

    [Property(MaxTest = 300)]
    public Property Every_value_in_the_range_has_a_winner() =>
        Prop.ForAll(Reports.ToArbitrary(), reports =>
        {
            var result = ReportOrder.Resolve(reports, From, To);

            var expected = reports.Bind(r => r.Items.ToSeq())
                .Map(i => (ReportOrder.SubjectOf(i), P(i.Year, i.Month)))
                .Filter(k => k.Item2 >= From && k.Item2 <= To)
                .Distinct();
            return expected.Count == result.Items.Count;
        });

    /// <summary>Tax and ZUS items (payers by PESEL, NIP or none), some for a month that does not exist.</summary>
    private static readonly Gen<RawReportItem> MixedItem =
        from code in Gen.Elements("VAT-7", "PIT-4", "PIT-5", "ZUS", "VAT-7K")
        from year in Gen.Choose(2023, 2024)
        from month in Gen.Frequency((12, Gen.Choose(1, 12)), (1, Gen.Elements(0, 13)))
        from grosze in Gen.Choose(0, 100_000)
        from payer in Gen.Elements<(string?, string?)>(("44051401359", null), (null, "1234563218"), (null, null))
        from zus in Gen.Elements(false, true)
        select new RawReportItem(code, year, month, grosze / 100m, zus
            ? new RawZusDeclaration(ProgramId.Fakt, "F00001", FirmNip, "z", payer.Item2, payer.Item1, "Jan", "SelfOnly",
                year, month, 1m, 2m, 3m, 4m, 5m, null, null, null, grosze / 100m)
            : null);

    private static readonly Gen<Seq<RawReport>> MixedReports = ReportsOf(MixedItem);

    [Property(MaxTest = 300)]
    public Property Resolving_one_class_gives_that_class_of_the_whole_resolution() =>
        Prop.ForAll(MixedReports.ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (reports, zus) =>
        {
            var whole = ReportOrder.Resolve(reports, From, To);
            var kind = zus ? DataKind.Zus : DataKind.Taxes;

            var one = ReportOrder.Resolve(reports, From, To, zus);

            return one.Items.SequenceEqual(whole.Items.Filter(i => i.IsZus == zus))
                && one.Events.SequenceEqual(whole.Events.Filter(e => e.Kind == kind));
        });

    private static bool IsNewer(RawReport a, RawReport b) =>
        a.GeneratedAt > b.GeneratedAt
        || (a.GeneratedAt == b.GeneratedAt && int.Parse(a.ReportId) > int.Parse(b.ReportId));

    private static string Describe(ReportedItem i) =>
        $"{i.Subject}|{i.Period}|{i.Item.Amount}|{i.Report.ReportId}";
}
