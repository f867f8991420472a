using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>The SELECT of every firm at once, and how a stored NIP finds its firm.</summary>
public sealed class AllFirmsQueryTests
{
    private static ProgramProfile Profile(ProgramId program) =>
        ProgramProfile.Load(program, null).Match(p => p, p => throw new InvalidOperationException(p.Message));

    private static readonly QueryRun Months = new("", default!, Period.Create(2024, 3).Match(p => p, _ => throw new Exception()),
        Period.Create(2024, 5).Match(p => p, _ => throw new Exception()));

    private static (string Text, IReadOnlyList<(string Name, object? Value)> Args, SqlQuery Query) AllFirms(ProgramId program, string query)
    {
        var p = Profile(program);
        var built = QueryText.Build(p.Query(query).IfNone(() => throw new KeyNotFoundException(query)), p, SqlDialect.Firebird,
            null, program.ToString(), "db", allFirms: true).Match(q => q, e => throw new InvalidOperationException(e.Message));
        var (text, args) = built.Command(Months).Match(c => c, e => throw new InvalidOperationException(e.Message));
        return (text, args, built);
    }

    [Fact]
    public void An_all_firms_nip_query_has_no_firm_filter_and_is_ordered_by_the_digits_of_the_nip_first()
    {
        var (text, args, query) = AllFirms(ProgramId.Raks, "taxes");

        Assert.DoesNotContain("@nip", text);
        Assert.DoesNotContain(args, a => a.Name.StartsWith("@nip", StringComparison.Ordinal));
        Assert.Contains("ORDER BY REPLACE(REPLACE(REPLACE(d.\"NIP\", 'PL', ''), '-', ''), ' ', ''), d.\"DATA_DEKLARACJI\", d.\"ID\"", text);
        Assert.Contains(QueryText.FirmField, query.Shape.Fields);
        Assert.Null(SqlStatement.WhyNot(text));
    }

    [Fact]
    public void An_all_firms_key_query_is_ordered_by_the_firm_key_first_and_keeps_its_other_filters()
    {
        var (text, _, _) = AllFirms(ProgramId.Fakt, "zus");

        Assert.DoesNotContain("@firm", text);
        Assert.Contains("w.\"OKRES_OD\" <= @to AND w.\"OKRES_DO\" >= @from", text);
        Assert.Contains("ORDER BY w.\"ID_FIRMY\", w.\"DATA_WYDRUKU\" DESC, w.\"ID\" DESC", text);
    }

    private static Gen<string> Digits => Gen.Choose(0, 9).ArrayOf(10).Select(d => string.Concat(d));

    [Property]
    public Property Every_spelling_of_a_nip_the_firm_filter_matches_finds_its_digits() =>
        Prop.ForAll(Digits.ToArbitrary(), Gen.Choose(0, 4).ToArbitrary(), (digits, i) =>
            QueryText.NipOfSpelling(QueryText.NipSpellings(digits)[i] + "  ") == digits);

    [Property]
    public Property A_stored_value_finds_a_nip_only_when_the_firm_filter_would_match_it() =>
        Prop.ForAll(Digits.ToArbitrary(), Gen.Elements("-", " ", "PL", "x").ToArbitrary(), Gen.Choose(0, 10).ToArbitrary(),
            (digits, insert, at) =>
            {
                var stored = digits.Insert(at, insert);
                var found = QueryText.NipOfSpelling(stored);
                var matched = QueryText.NipSpellings(digits).Contains(stored.TrimEnd()); // SQL ignores trailing blanks
                return found is null ? !matched : found == digits && matched;
            });
}
