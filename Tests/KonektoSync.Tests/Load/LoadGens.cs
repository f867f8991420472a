using FsCheck;
using FsCheck.Fluent;
using KonektoSync.Domain;
using LanguageExt;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>
/// One load of a scenario: a firm's taxes or ZUS for January to March 2024 (an amount of 0
/// leaves the month out), approve or not, and whether the run dies: 0 no, 1 before staging,
/// 2 before delivery, 3 after delivery.
/// </summary>
public sealed record LoadStep(int Firm, DataKind Kind, decimal[] Amounts, bool Approve, int Crash)
{
    public LoadCommand Command()
    {
        var firm = Firms[Firm];
        var facts = Amounts.Select((a, i) => (a, month: Month(2024, i + 1)))
            .Where(x => x.a != 0m)
            .Select(x => Kind == DataKind.Zus ? Zus(firm, x.month, x.a) : Tax(firm, TaxKind.Vat7, x.month, x.a));
        return new LoadCommand(firm, Kind, facts.ToSeq(), Approve)
        {
            Months = (Month(2024, 1), Month(2024, 3)),
        };
    }

    public override string ToString() =>
        $"{Firm}/{Kind.Code()}/[{string.Join(",", Amounts)}]/approve={Approve}/crash={Crash}";
}

public static class LoadGens
{
    public static Gen<LoadStep> Step =>
        from firm in Gen.Choose(0, 2)
        from kind in Gen.Elements(DataKind.Taxes, DataKind.Zus)
        from amounts in Gen.Elements(0m, 100m, 250.5m).ArrayOf(3)
        from approve in Gen.Elements(false, true)
        from crash in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        select new LoadStep(firm, kind, amounts, approve, crash);

    public static Arbitrary<LoadStep[]> Steps() =>
        Gen.Choose(1, 6).SelectMany(n => Step.ArrayOf(n)).ToArbitrary();
}
