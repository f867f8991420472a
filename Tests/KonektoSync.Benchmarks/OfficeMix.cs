using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using LanguageExt;

namespace KonektoSync.Benchmarks;

/// <summary>
/// The groups of a small office for a year, as its programs give them: Raks firms (declarations,
/// ZUS DRA of the owner and the employees, a trial balance of 40 accounts), Fakt firms (a
/// generated report a month with VAT-7, a PIT-5 advance and the owner's ZUS, some reports
/// generated twice) and firms of a file program (Super Księga Podatkowa: declarations as given
/// and ZUS), each with its basic data.
/// </summary>
public sealed class OfficeMix
{
    public sealed record Group(ProgramId Program, Nip Firm, DataKind Kind, Seq<SourceRecord> Records, BuildOptions Options);

    public static readonly Period From = Period.Create(2024, 1).Match(p => p, _ => throw new InvalidOperationException());
    public static readonly Period To = Period.Create(2024, 12).Match(p => p, _ => throw new InvalidOperationException());
    private static readonly PeselKey Key = PeselKey.Of(new byte[PeselKey.Size]);
    private static readonly string[] Nips = ["1234563218", "8567346215", "5261040828", "5252248481"];
    private static readonly string[] Pesels = ["44051401359", "02070803628", "85121208782", "90090515836"];

    public IReadOnlyList<Group> Groups { get; }

    public OfficeMix(int firmsPerProgram)
    {
        var groups = new List<Group>();
        for (var f = 0; f < firmsPerProgram; f++)
        {
            groups.AddRange(Raks(f));
            groups.AddRange(Fakt(f));
            groups.AddRange(FileProgram(f));
        }
        Groups = groups;
    }

    /// <summary>Builds every group; returns the number of facts.</summary>
    public int Build()
    {
        var facts = 0;
        foreach (var g in Groups)
            facts += FactBuilder.Build(g.Program, g.Firm, g.Kind, g.Records, From, To, g.Options).Facts.Count;
        return facts;
    }

    private static Nip FirmNip(int f) => Nip.Create(Nips[f % Nips.Length]).Match(n => n, _ => throw new InvalidOperationException());

    private static BuildOptions Options(ProgramId program) =>
        new(program != ProgramId.Raks, PayerType.Other, BuildOptions.RulesFor(program), new DateOnly(2025, 6, 1), Key);

    private static decimal Amount(int f, int salt) => (f * 7919 + salt * 104729) % 900_000 / 100m + 10m;

    private static IEnumerable<Group> Raks(int f)
    {
        var nip = FirmNip(f);
        var key = $"{f + 1}";
        var taxes = new List<SourceRecord>();
        var zus = new List<SourceRecord>();
        var lines = new List<SourceRecord>();
        for (var m = 1; m <= 12; m++)
        {
            var last = new DateOnly(2024, m, DateTime.DaysInMonth(2024, m));
            foreach (var form in new[] { "VAT-7", "PIT-4R", "PIT-8AR" })
                taxes.Add(new RawDeclaration(ProgramId.Raks, key, nip, $"{taxes.Count + 1}", form, last,
                    last.ToDateTime(new TimeOnly(12, 0)).AddDays(10), Amount(f, taxes.Count)));
            zus.Add(Dra(ProgramId.Raks, key, nip, $"{m}1", null, Pesels[f % Pesels.Length], "SelfOnly", m, Amount(f, m)));
            zus.Add(Dra(ProgramId.Raks, key, nip, $"{m}2", null, null, "Other", m, Amount(f, m + 50)));
            for (var a = 0; a < 40; a++)
                lines.Add(new RawTrialBalanceLine(ProgramId.Raks, key, nip, 2024, m, $"{200 + a}-{a % 7}", $"Konto rozrachunkowe {a}",
                    Amount(f, a), 0m, Amount(f, a + m), Amount(f, a - m), Amount(f, a * m), Amount(f, a + 2 * m), Amount(f, a * 3), null));
        }
        var options = Options(ProgramId.Raks);
        yield return new Group(ProgramId.Raks, nip, DataKind.Basic, Prelude.Seq1<SourceRecord>(Basic(ProgramId.Raks, key, nip, f)), options);
        yield return new Group(ProgramId.Raks, nip, DataKind.Taxes, taxes.ToSeq(), options);
        yield return new Group(ProgramId.Raks, nip, DataKind.Zus, zus.ToSeq(), options);
        yield return new Group(ProgramId.Raks, nip, DataKind.Statements, lines.ToSeq(), options);
    }

    private static IEnumerable<Group> Fakt(int f)
    {
        var nip = FirmNip(f + 1);
        var key = $"{f + 1}";
        var reports = new List<SourceRecord>();
        for (var m = 1; m <= 12; m++)
        {
            var at = new DateTime(2024, m, 1).AddMonths(1).AddDays(5);
            var owner = Dra(ProgramId.Fakt, key, nip, $"z{m}", null, Pesels[(f + 1) % Pesels.Length], "SelfOnly", m, Amount(f, m));
            RawReportItem[] items = [new("VAT-7", 2024, m, Amount(f, m + 100), null), new("PIT-5", 2024, m, Amount(f, m + 200), null),
                new("ZUS", 2024, m, owner.TotalDue, owner)];
            reports.Add(new RawReport(ProgramId.Fakt, key, nip, $"{m}", "both", at, items));
            if (m % 3 == 0)
                reports.Add(new RawReport(ProgramId.Fakt, key, nip, $"{m + 100}", "both", at.AddDays(2), items));
        }
        var options = Options(ProgramId.Fakt);
        yield return new Group(ProgramId.Fakt, nip, DataKind.Basic, Prelude.Seq1<SourceRecord>(Basic(ProgramId.Fakt, key, nip, f)), options);
        yield return new Group(ProgramId.Fakt, nip, DataKind.Taxes, reports.ToSeq(), options);
        yield return new Group(ProgramId.Fakt, nip, DataKind.Zus, reports.ToSeq(), options);
    }

    private static IEnumerable<Group> FileProgram(int f)
    {
        const ProgramId program = ProgramId.SuperKsiegaPodatkowa;
        var nip = FirmNip(f + 2);
        var key = $"{f + 1}";
        var taxes = new List<SourceRecord>();
        var zus = new List<SourceRecord>();
        for (var m = 1; m <= 12; m++)
        {
            var last = new DateOnly(2024, m, DateTime.DaysInMonth(2024, m));
            taxes.Add(new RawDeclaration(program, key, nip, $"{m}", "VAT-7", last, null, Amount(f, m)));
            if (m % 3 == 0)
                taxes.Add(new RawDeclaration(program, key, nip, $"{m + 100}", "PIT-5L kwartalny", last, null, Amount(f, m + 300)));
            if (m % 4 != 0)
                zus.Add(Dra(program, key, nip, $"{m}", null, Pesels[(f + 2) % Pesels.Length], "SelfOnly", m, Amount(f, m)));
        }
        var options = Options(program);
        yield return new Group(program, nip, DataKind.Basic, Prelude.Seq1<SourceRecord>(Basic(program, key, nip, f)), options);
        yield return new Group(program, nip, DataKind.Taxes, taxes.ToSeq(), options);
        yield return new Group(program, nip, DataKind.Zus, zus.ToSeq(), options);
    }

    private static RawZusDeclaration Dra(ProgramId program, string key, Nip nip, string id, string? payerNip, string? pesel,
        string type, int month, decimal total) =>
        new(program, key, nip, id, payerNip, pesel, pesel is null ? null : "Jan Kowalski", type, 2024, month,
            total * 0.4m, total * 0.2m, total * 0.05m, total * 0.02m, total * 0.33m, null, null, null, total);

    private static RawBasicData Basic(ProgramId program, string key, Nip nip, int f) =>
        new(program, key, nip, new RawFirm(program, key, nip.Value, $"Zakład Usługowy Łukasz Żółć {f}", $"ul. Długa {f + 1}",
            "00-001", "Łódź", $"biuro{f}@example.pl", "+48 22 123 45 67", null,
            [new RawPerson("Anna", "Wiśniewska", Pesels[f % Pesels.Length], null, "anna@example.pl", null, "Owner")]));
}
