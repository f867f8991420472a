using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

/// <summary>
/// Rule 8: a value gone from the source is only reported, and only for the months and years the
/// sync speaks for. <see cref="Disappeared.Find"/> is the one function the load calls
/// (Load/LoadPlanProperties checks that it does).
/// </summary>
[Properties(MaxTest = 300)]
public class DisappearedProperties
{
    /// <summary>The month <paramref name="n"/> months after 2023-10.</summary>
    public static Period Month(int n) => Period.Range(P(2023, 10), P(2024, 4))[n];

    /// <summary>Keys of one firm: months of 2023-10..2024-04, two subjects, and basic data.</summary>
    public static Gen<FactKey> Key =>
        Gen.Frequency(
            (1, Gen.Constant(new FactKey(FirmNip, DataKind.Basic, None, "firm"))),
            (8, from month in Gen.Choose(0, 6)
                from subject in Gen.Elements("VAT-7", "PIT-4")
                select new FactKey(FirmNip, DataKind.Taxes, Some(Month(month)), subject)));

    public static Gen<Seq<FactKey>> Keys => Key.ListOf().Resize(12).Select(toSeq);

    /// <summary>What Find is given: confirmed keys, keys read now, a range, and the years covered.</summary>
    public sealed record Case(Seq<FactKey> Confirmed, Seq<FactKey> Read, Period From, Period To, Set<int> Years)
    {
        public bool InScope(FactKey k) =>
            k.Period.Exists(p => p >= From && p <= To && Years.Contains(p.Year));

        public override string ToString() =>
            $"confirmed [{string.Join(", ", Confirmed)}] read [{string.Join(", ", Read)}] {From}..{To} years {Years}";
    }

    public static Arbitrary<Case> Cases =>
        (from confirmed in Keys
         from read in Keys
         from a in Gen.Choose(0, 6)
         from b in Gen.Choose(0, 6)
         from years in Gen.Elements(Set(2023), Set(2024), Set(2023, 2024))
         select new Case(confirmed, read, Month(Math.Min(a, b)),
             Month(Math.Max(a, b)), years)).ToArbitrary();

    private static Seq<FactKey> Find(Case c) => Disappeared.Find(c.Confirmed, c.Read, c.From, c.To, c.Years);

    [Property]
    public Property Every_reported_key_was_confirmed_is_not_read_now_and_lies_in_the_months_and_years() =>
        Prop.ForAll(Cases, c =>
        {
            var read = c.Read.Map(k => k.Text).ToHashSet();
            return Find(c).ForAll(k => c.Confirmed.Exists(x => x.Text == k.Text)
                && !read.Contains(k.Text) && c.InScope(k));
        });

    [Property]
    public Property Every_confirmed_key_of_the_months_and_years_that_is_not_read_now_is_reported() =>
        Prop.ForAll(Cases, c =>
        {
            var reported = Find(c).Map(k => k.Text).ToHashSet();
            return c.Confirmed.Filter(c.InScope).Filter(k => !c.Read.Exists(r => r.Text == k.Text))
                .ForAll(k => reported.Contains(k.Text));
        });

    [Property]
    public Property Basic_data_never_disappears() =>
        Prop.ForAll(Cases, c => Find(c).ForAll(k => k.Period.IsSome));

    [Property]
    public Property Each_key_is_reported_once_in_key_order_whatever_the_input_order() =>
        Prop.ForAll(Cases, c =>
        {
            var texts = Find(c).Map(k => k.Text).ToList();
            var again = Disappeared.Find(c.Confirmed.Rev(), c.Read.Rev(), c.From, c.To, c.Years)
                .Map(k => k.Text).ToList();
            return texts.SequenceEqual(texts.Distinct().Order(StringComparer.Ordinal))
                && texts.SequenceEqual(again);
        });

    [Property]
    public Property Nothing_disappears_when_everything_confirmed_is_read_again() =>
        Prop.ForAll(Cases, c => Disappeared.Find(c.Confirmed, c.Confirmed + c.Read, c.From, c.To, c.Years).IsEmpty);
}
