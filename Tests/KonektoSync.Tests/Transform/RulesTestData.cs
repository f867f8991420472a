using FsCheck;
using FsCheck.Fluent;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Tests.Transform;

/// <summary>Values and makers shared by the Transform rule tests.</summary>
internal static class RulesTestData
{
    public static readonly Nip FirmNip = Valid(Nip.Create("1234563218"));
    public static readonly Pesel OwnerPesel = Valid(Pesel.Create("44051401359"));

    public static T Valid<T>(Validation<Problem, T> v) =>
        v.Match(Succ: x => x, Fail: ps => throw new InvalidOperationException(string.Join("; ", ps)));

    public static Period P(int year, int month) => Valid(Period.Create(year, month));
    public static Period P(string yyyyMm) => Valid(Period.Parse(yyyyMm));

    public static RawDeclaration Declaration(string id, string form, DateOnly? date, decimal? amount,
        DateTime? created = null, ProgramId program = ProgramId.Raks) =>
        new(program, "F00001", FirmNip, id, form, date, created ?? new DateTime(2000, 1, 1), amount);

    public static ZusComponents Components(decimal total) =>
        new(Money.Pln(total * 0.5m), Money.Pln(total * 0.2m), Money.Zero, Money.Pln(1m),
            Money.Pln(total * 0.3m), Money.Zero, Money.Zero, Money.Zero, Money.Pln(total));

    public static ZusContribution Contribution(PayerKey payer, Period period, decimal total) =>
        new(FirmNip, payer, PayerType.SelfOnly, period, Components(total), ZusOrigin.Filed);

    public static PayerKey Owner => PayerKey.OfPesel(OwnerPesel, "Jan Kowalski", TestKeys.Pesel);

    public static RawReport Report(string id, DateTime at, params RawReportItem[] items) =>
        new(ProgramId.Fakt, "1", FirmNip, id, "taxes", at, items);

    public static RawReportItem Tax(string code, Period p, decimal? amount) => new(code, p.Year, p.Month, amount, null);
}

/// <summary>FsCheck generators for the Transform rules, built through the smart constructors.</summary>
public static class RulesArbitraries
{
    public static Gen<Period> PeriodGen(int fromYear, int toYear) =>
        from y in Gen.Choose(fromYear, toYear)
        from m in Gen.Choose(1, 12)
        select RulesTestData.P(y, m);

    public static Arbitrary<Period> Periods() => PeriodGen(1995, 2100).ToArbitrary();

    public static Arbitrary<PayerType> PayerTypes() => Gen.Elements(Enum.GetValues<PayerType>()).ToArbitrary();

    public static Arbitrary<TaxKind> TaxKinds() => Gen.Elements(Enum.GetValues<TaxKind>()).ToArbitrary();

    public static Gen<decimal> Amount =>
        from grosze in Gen.Choose(0, 5_000_000)
        select grosze / 100m;

    public static Gen<PayerKey> Payer =>
        Gen.Elements(
            PayerKey.Employees,
            RulesTestData.Owner,
            PayerKey.OfNip(RulesTestData.FirmNip, "Spółka"));

    public static Gen<ZusContribution> Contribution(Gen<Period> periods) =>
        from payer in Payer
        from period in periods
        from amounts in Amount.ArrayOf(9)
        from type in Gen.Elements(Enum.GetValues<PayerType>())
        select new ZusContribution(RulesTestData.FirmNip, payer, type, period,
            new ZusComponents(Money.Pln(amounts[0]), Money.Pln(amounts[1]), Money.Pln(amounts[2]),
                Money.Pln(amounts[3]), Money.Pln(amounts[4]), Money.Pln(amounts[5]), Money.Pln(amounts[6]),
                Money.Pln(amounts[7]), Money.Pln(amounts[8])),
            ZusOrigin.Filed);

    public static Arbitrary<ZusContribution> Contributions() => Contribution(PeriodGen(2015, 2030)).ToArbitrary();
}
