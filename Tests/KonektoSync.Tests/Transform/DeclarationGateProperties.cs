using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

/// <summary>Rules 4 and 5 on the gate itself: what the sync runs for Raks declarations.</summary>
public class DeclarationGateProperties
{
    private static readonly Period From = P(2023, 1);
    private static readonly Period To = P(2024, 12);

    /// <summary>Declarations of a few forms dated in 2022..2025 (some outside the range), some without an amount.</summary>
    private static Gen<RawDeclaration> DeclarationOf(Gen<string> forms) =>
        from id in Gen.Choose(1, 10_000)
        from form in forms
        from date in Gen.Choose(0, 4 * 365).Select(d => new DateOnly(2022, 1, 1).AddDays(d))
        from createdMinutes in Gen.Choose(0, 60 * 24 * 40)
        from amount in Gen.Frequency(
            (9, RulesArbitraries.Amount.Select(a => (decimal?)a)), (1, Gen.Constant((decimal?)null)))
        select Declaration(id.ToString(), form, date, amount,
            date.ToDateTime(TimeOnly.MinValue).AddMinutes(createdMinutes));

    private static readonly Gen<string> AnnualForms = Gen.Elements("PIT-4R", "PIT-8AR", "pit 4r (8)");

    private static readonly Gen<string> AnyForms = Gen.Elements(
        "PIT-4R", "PIT-8AR", "VAT-7", "JPK_V7K", "PIT-5L kwartalny", "Ryczałt miesięczny", "CIT-8");

    private static Arbitrary<RawDeclaration[]> Annual => DeclarationOf(AnnualForms).ArrayOf().ToArbitrary();

    private static Arbitrary<RawDeclaration[]> Any => DeclarationOf(AnyForms).ArrayOf().ToArbitrary();

    private static readonly Arbitrary<DateOnly> Today =
        Gen.Choose(0, 4 * 365).Select(d => new DateOnly(2022, 6, 1).AddDays(d)).ToArbitrary();

    private static TaxKind KindOf(RawDeclaration d) => TaxForms.Recognize(d.FormName).Map(f => f.Kind)
        .IfNone(() => throw new InvalidOperationException(d.FormName));

    private static Period PeriodOf(RawDeclaration d) => Quarters.PeriodOf(KindOf(d), Period.Of(d.DeclarationDate!.Value));

    [Property(MaxTest = 300)]
    public Property Every_value_comes_from_a_declaration_of_its_tax_and_period_never_a_zero_filler() =>
        Prop.ForAll(Any, Today, (list, today) =>
        {
            var result = DeclarationGate.Apply(list.ToSeq(), From, To, today);

            return result.Taxes.ForAll(t => list.Any(d => KindOf(d) == t.Kind && PeriodOf(d) == t.Period
                && d.Amount is { } a && Money.Pln(a) == t.Amount && t.Source == d));
        });

    [Property(MaxTest = 300)]
    public Property No_declaration_gives_no_value() =>
        Prop.ForAll(Today, today =>
            DeclarationGate.Apply(LanguageExt.Seq<RawDeclaration>.Empty, From, To, today).Taxes.IsEmpty);

    [Property(MaxTest = 300)]
    public Property An_annual_declaration_dated_in_a_month_gives_that_month_only() =>
        Prop.ForAll(DeclarationOf(AnnualForms).ToArbitrary(), d =>
        {
            var month = Period.Of(d.DeclarationDate!.Value);

            var result = DeclarationGate.Apply(Prelude.Seq1(d), From, To, new DateOnly(2030, 1, 1));

            var expected = month >= From && month <= To && d.Amount.HasValue ? 1 : 0;
            return result.Taxes.Count == expected && result.Taxes.ForAll(t => t.Period == month);
        });

    [Property(MaxTest = 300)]
    public Property Of_two_in_the_same_period_the_latest_created_wins() =>
        Prop.ForAll(Any, list =>
        {
            var result = DeclarationGate.Apply(list.ToSeq(), From, To, new DateOnly(2030, 1, 1));

            return result.Taxes.ForAll(t =>
            {
                var rivals = list.Where(d => KindOf(d) == t.Kind && PeriodOf(d) == t.Period).ToList();
                return rivals.All(r => r.CreatedAt <= t.Source.CreatedAt);
            });
        });

    [Property(MaxTest = 300)]
    public Property A_period_whose_latest_declaration_has_an_amount_has_exactly_one_value() =>
        Prop.ForAll(Any, list =>
        {
            var result = DeclarationGate.Apply(list.ToSeq(), From, To, new DateOnly(2030, 1, 1));

            var expected = list
                .GroupBy(d => (Kind: KindOf(d), Period: PeriodOf(d)))
                .Where(g => g.Key.Period >= From && g.Key.Period <= To)
                .Where(g => MonthlyFromAnnual.Latest(g).Amount.HasValue)
                .Select(g => g.Key).OrderBy(k => k.Kind).ThenBy(k => k.Period);
            return result.Taxes.Map(t => (t.Kind, t.Period)).SequenceEqual(expected);
        });

    [Property(MaxTest = 300)]
    public Property For_annual_forms_the_gate_gives_what_the_monthly_from_annual_rule_gives() =>
        Prop.ForAll(Annual, list =>
        {
            var gate = DeclarationGate.Apply(list.ToSeq(), From, To, new DateOnly(2030, 1, 1)).Taxes
                .Map(t => (t.Period, t.Amount, t.Source)).OrderBy(t => t.Period).ThenBy(t => t.Source.FormName);
            var rule = MonthlyFromAnnual.Take(list.ToSeq()).Filter(m => m.Period >= From && m.Period <= To)
                .OrderBy(t => t.Period).ThenBy(t => t.Source.FormName);
            return gate.SequenceEqual(rule);
        });

    [Property(MaxTest = 300)]
    public Property Missing_events_name_only_periods_already_due_and_without_a_declaration() =>
        Prop.ForAll(Any, Today, (list, today) =>
        {
            var result = DeclarationGate.Apply(list.ToSeq(), From, To, today);

            return result.Events.Filter(e => e.Code == "raks.declaration-missing").ForAll(e =>
            {
                var kind = Enum.GetValues<TaxKind>().Single(k => k.Code() == e.Args[0]);
                var period = P(e.Args[1]);
                return DueDates.ForTax(kind, period) <= today
                    && (!kind.IsQuarterly() || period.IsQuarterEnd)
                    && !list.Any(d => KindOf(d) == kind && PeriodOf(d) == period);
            });
        });

    [Property(MaxTest = 300)]
    public Property Every_due_period_of_a_filed_tax_has_a_value_a_declaration_or_an_event() =>
        Prop.ForAll(Any, Today, (list, today) =>
        {
            var result = DeclarationGate.Apply(list.ToSeq(), From, To, today);

            var filed = list.Select(KindOf).Where(k => list.Any(d => KindOf(d) == k
                && PeriodOf(d).Year >= From.Year && PeriodOf(d).Year <= To.Year)).Distinct();
            return filed.All(kind => Period.Range(From, To)
                .Filter(p => (!kind.IsQuarterly() || p.IsQuarterEnd) && DueDates.ForTax(kind, p) <= today)
                .ForAll(p => list.Any(d => KindOf(d) == kind && PeriodOf(d) == p)
                    || result.Events.Exists(e => e.Code == "raks.declaration-missing"
                        && e.Args[0] == kind.Code() && e.Args[1] == p.ToString())));
        });
}
