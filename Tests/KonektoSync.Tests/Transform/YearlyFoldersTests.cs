using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class YearlyFoldersTests
{
    private static FactKey Key(Period p, string subject = "book") => new(FirmNip, DataKind.Statements, Some(p), subject);

    [Fact]
    public void Last_years_data_is_kept_when_the_folder_is_switched_to_this_year()
    {
        var lastYear = Key(P(2023, 12));
        var thisYear = Key(P(2024, 1));
        var basic = new FactKey(FirmNip, DataKind.Basic, None, "firm");

        var scope = YearlyFolders.Keep(Seq(lastYear, thisYear, basic), Set(2024));

        Assert.Equal(new[] { thisYear }, scope.Considered.ToArray());
        Assert.Equal(new[] { lastYear, basic }, scope.Kept.ToArray());
    }

    [Fact]
    public void A_value_gone_from_the_source_is_reported_only_inside_the_range_and_covered_years()
    {
        var gone = Key(P(2024, 2));
        var stillThere = Key(P(2024, 3));
        var lastYear = Key(P(2023, 11));
        var outOfRange = Key(P(2024, 6));

        var found = Disappeared.Find(Seq(gone, stillThere, lastYear, outOfRange), Seq1(stillThere),
            P(2023, 1), P(2024, 3), Set(2024));

        Assert.Equal(new[] { gone }, found.ToArray());
    }

    [Fact]
    public void A_disappeared_value_gives_an_info_event_and_is_not_deleted()
    {
        var gone = Key(P(2024, 2));

        var events = Disappeared.Report(Seq1(gone), ProgramId.SuperKsiegaPodatkowa);

        var e = Assert.Single(events);
        Assert.Equal((Severity.Info, "value.disappeared"), (e.Severity, e.Code));
        Assert.Contains("the panel keeps the value", e.Message);
    }
}
