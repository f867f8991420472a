using BenchmarkDotNet.Attributes;
using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using LanguageExt;

namespace KonektoSync.Benchmarks;

/// <summary>
/// The rule engine alone: raw records of one firm and a year (declarations, ZUS DRA, trial balance
/// lines, as the Raks sample holds them) to facts with content hashes, against the baseline of only
/// touching the same records. Facts per second = facts built / mean time (the goal: at least one
/// million per core).
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private static readonly Nip Firm = Nip.Create("1234563218").Match(n => n, _ => throw new InvalidOperationException());
    private static readonly Period From = Period.Create(2024, 1).Match(p => p, _ => throw new InvalidOperationException());
    private static readonly Period To = Period.Create(2024, 12).Match(p => p, _ => throw new InvalidOperationException());
    private static readonly BuildOptions Options = new(false, PayerType.Other, RuleSet.Raks, new DateOnly(2030, 1, 1),
        PeselKey.Of(new byte[PeselKey.Size]));

    private Seq<SourceRecord> _taxes, _zus, _statements;

    [Params(1, 40)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Make()
    {
        var taxes = new List<SourceRecord>();
        var zus = new List<SourceRecord>();
        var lines = new List<SourceRecord>();
        var id = 0;
        for (var m = 1; m <= 12; m++)
        {
            var day = new DateOnly(2024, m, DateTime.DaysInMonth(2024, m));
            foreach (var form in new[] { "VAT-7", "PIT-4R", "PIT-8AR" })
                taxes.Add(new RawDeclaration(ProgramId.Raks, "1", Firm, (++id).ToString(), form, day,
                    day.ToDateTime(TimeOnly.MinValue).AddDays(10), 100m + id));
            zus.Add(new RawZusDeclaration(ProgramId.Raks, "1", Firm, (++id).ToString(), "1234563218", null, "Firma", "SelfOnly",
                2024, m, 800m, 300m, 100m, 50m, 700m, null, null, null, 1950m));
            for (var a = 0; a < Accounts; a++)
                lines.Add(new RawTrialBalanceLine(ProgramId.Raks, "1", Firm, 2024, m, $"{100 + a}", $"Konto {a}",
                    1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m));
        }
        (_taxes, _zus, _statements) = (taxes.ToSeq(), zus.ToSeq(), lines.ToSeq());
    }

    /// <summary>The baseline: every record of the group touched once (its hash code), nothing built.</summary>
    [Benchmark(Baseline = true)]
    public int TouchRecords()
    {
        var h = 0;
        foreach (var r in _taxes) h ^= r.GetHashCode();
        foreach (var r in _zus) h ^= r.GetHashCode();
        foreach (var r in _statements) h ^= r.GetHashCode();
        return h;
    }

    /// <summary>The three groups of the firm to facts with hashes; returns the number of facts.</summary>
    [Benchmark]
    public int BuildFacts() =>
        FactBuilder.Build(ProgramId.Raks, Firm, DataKind.Taxes, _taxes, From, To, Options).Facts.Count
        + FactBuilder.Build(ProgramId.Raks, Firm, DataKind.Zus, _zus, From, To, Options).Facts.Count
        + FactBuilder.Build(ProgramId.Raks, Firm, DataKind.Statements, _statements, From, To, Options).Facts.Count;
}

/// <summary>
/// The rule engine on a small office's year (<see cref="OfficeMix"/>: Raks, Fakt and a file
/// program, four firms each, every data kind); returns the number of facts.
/// </summary>
[MemoryDiagnoser]
public class OfficeMixBenchmarks
{
    private readonly OfficeMix _office = new(4);

    [Benchmark]
    public int BuildOfficeFacts() => _office.Build();
}
