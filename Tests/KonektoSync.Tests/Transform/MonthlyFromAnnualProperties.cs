using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class MonthlyFromAnnualProperties
{
    private static readonly Gen<RawDeclaration> AnnualDeclaration =
        from id in Gen.Choose(1, 10_000)
        from date in Gen.Choose(0, 3 * 366).Select(d => new DateOnly(2022, 1, 1).AddDays(d))
        from createdMinutes in Gen.Choose(0, 60 * 24 * 30)
        from grosze in Gen.Choose(0, 1_000_000)
        select Declaration(id.ToString(), "PIT-4R", date, grosze / 100m,
            date.ToDateTime(TimeOnly.MinValue).AddMinutes(createdMinutes));

    [Property(MaxTest = 300)]
    public Property Exactly_one_value_per_declaration_month_and_none_elsewhere() =>
        Prop.ForAll(AnnualDeclaration.ListOf().ToArbitrary(), list =>
        {
            var declarations = list.ToSeq();

            var months = MonthlyFromAnnual.Take(declarations);

            var expected = declarations.Map(d => Period.Of(d.DeclarationDate!.Value)).Distinct().OrderBy(p => p);
            return months.Map(m => m.Period).SequenceEqual(expected);
        });

    [Property(MaxTest = 300)]
    public Property Each_month_takes_the_latest_created_declaration_dated_in_it() =>
        Prop.ForAll(AnnualDeclaration.ListOf().ToArbitrary(), list =>
        {
            var declarations = list.ToSeq();

            var months = MonthlyFromAnnual.Take(declarations);

            return months.ForAll(m =>
            {
                var sameMonth = declarations.Filter(d => Period.Of(d.DeclarationDate!.Value) == m.Period);
                var latest = sameMonth.Map(d => d.CreatedAt!.Value).Max();
                return m.Source.CreatedAt == latest
                    && Period.Of(m.Source.DeclarationDate!.Value) == m.Period
                    && m.Amount == Money.Pln(m.Source.Amount!.Value);
            });
        });
}
