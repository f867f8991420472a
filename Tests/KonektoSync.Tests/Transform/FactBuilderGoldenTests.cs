using System.Text;
using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

/// <summary>
/// The facts (keys, sources, content hashes, order) and events that the rule engine builds from
/// <see cref="FactCorpus"/> for every program and data kind, compared with the copy in
/// golden/facts.txt. The content hashes are stored in the journals of offices: a change would
/// re-send everything, so a faster engine must give the same lines. Each hash is also checked to
/// be the hash of the body's canonical text, which pins that text as well. A missing copy is
/// written and the test fails, to be looked at and committed.
/// </summary>
public class FactBuilderGoldenTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static string Golden(string name) => Path.Combine(TestRepository.Root, "Tests/KonektoSync.Tests/Transform/golden", name);

    /// <summary>Raks and Fakt (their own rule sets) for several firms; every other program for one.</summary>
    private static IEnumerable<(ProgramId Program, int Firm)> Groups() =>
        Enum.GetValues<ProgramId>().SelectMany(p => p is ProgramId.Raks or ProgramId.Fakt
            ? Enumerable.Range(0, 4).Select(f => (p, f))
            : [(p, (int)p)]);

    private static string Build()
    {
        var text = new StringBuilder();
        foreach (var (program, firm) in Groups())
        foreach (var (kind, copy) in new[] { (DataKind.Basic, false), (DataKind.Zus, false), (DataKind.Zus, true),
                     (DataKind.Taxes, false), (DataKind.Statements, false) })
        {
            var options = new BuildOptions(copy, firm % 2 == 0 ? PayerType.Other : PayerType.SelfOnly,
                BuildOptions.RulesFor(program), Today, TestKeys.Pesel);
            var built = FactBuilder.Build(program, FactCorpus.FirmNip(firm), kind, FactCorpus.Records(program, firm, kind),
                FactCorpus.From, FactCorpus.To, options);
            text.Append($"# {program} firm {firm} {kind.Code()}{(copy ? " copy-forward" : "")}\n");
            foreach (var f in built.Facts)
            {
                Assert.Equal(f.ContentHash, Hashing.Hex(ContentHash.CanonicalText(f.Body, TestKeys.Pesel)));
                text.Append($"F {f.Key.Text} {f.Source} {f.ContentHash}\n");
            }
            foreach (var e in built.Events)
                text.Append($"E {e.Severity} {e.Code} {e.Program.Map(p => p.Code()).IfNone("-")} " +
                    $"{e.Firm.Map(n => n.Value).IfNone("-")} {e.Kind.Map(k => k.Code()).IfNone("-")} " +
                    $"{e.Period.Map(p => p.ToString()).IfNone("-")} [{string.Join("|", e.Args)}] {e.Message} / {e.Remedy}\n");
        }
        return text.ToString();
    }

    [Fact]
    public void The_facts_and_events_of_every_program_and_data_kind_stay_as_pinned()
    {
        var actual = Build();
        var file = Golden("facts.txt");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
            Assert.Fail($"{file} was missing and has been written; check it and commit it");
        }
        var expected = File.ReadAllText(file).Split('\n');
        var lines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expected.Length, lines.Length)).FirstOrDefault(i => expected[i] != lines[i], -1);
        Assert.True(first < 0 && expected.Length == lines.Length,
            first < 0 ? $"{lines.Length} lines, pinned {expected.Length}"
                : $"line {first + 1}:\n  pinned: {expected[first]}\n  now:    {lines[first]}");
    }

    [Fact]
    public void The_corpus_covers_every_fact_body_kind_and_copied_values()
    {
        var facts = Groups().Take(4).SelectMany(g => DataKinds.All.SelectMany(kind => FactBuilder.Build(g.Program,
            FactCorpus.FirmNip(g.Firm), kind, FactCorpus.Records(g.Program, g.Firm, kind), FactCorpus.From, FactCorpus.To,
            new BuildOptions(true, PayerType.Other, RuleSet.Generic, Today, TestKeys.Pesel)).Facts)).ToList();

        Assert.Equal(["BasicData", "Tax", "TaxBook", "TrialBalance", "Zus"],
            facts.Select(f => f.Body.GetType().Name).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(facts, f => f.Body is FactBody.Zus { Contribution.Origin: ZusOrigin.Copied });
        Assert.Contains(facts, f => f.Body is FactBody.Tax { Liability.Amount.Amount: < 0 });
    }

    private static readonly Person Anna = new("Anna", "Łęcka|Żółć", Some(OwnerPesel), None, None, Some("\\0"), PersonRole.Owner);

    /// <summary>Canonical texts of amounts and texts at their edges, with their hashes.</summary>
    public static TheoryData<string, FactBody, string, string> Edges => new()
    {
        {
            "the largest and smallest amounts",
            new FactBody.TaxBook(new TaxBookSummary(FirmNip, P(1990, 1), Money.Pln(decimal.MaxValue), Money.Pln(decimal.MinValue),
                Money.Pln(-0.005m), Money.Pln(0.005m), Money.Pln(-0.004m), Money.Pln(123456789012345678.125m))),
            "taxbook/1|1234563218|1990-01|79228162514264337593543950335.00|-79228162514264337593543950335.00|-0.01|0.01|0.00|123456789012345678.13",
            "1964953d0cfb0ec41b22ec8690c3bdcde7d57c461b1dc16113155461bb77addd"
        },
        {
            "amounts with more scale than two decimals",
            new FactBody.Tax(new TaxLiability(FirmNip, TaxKind.CitQuarterly, P(2199, 12), Money.Pln(1.10000m) + Money.Pln(2.000m)),
                new DateOnly(2200, 1, 20)),
            "tax/1|1234563218|CIT/Q|2199-12|3.10|2200-01-20",
            "2fe5eedb59f7456866e944e4bc404dcbee89383cd7c50ef759d04b101dd1545e"
        },
        {
            "a person whose texts hold the escapes",
            new FactBody.BasicData(new Firm(FirmNip, "a|b\\c\\p", None, "", None, None, Seq1(Anna))),
            "firm/2|1234563218|a\\pb\\\\c\\\\p|\\0||\\0|\\0|1|person|Anna|Łęcka\\pŻółć|pesel:1a632b6fc8fc40d5|\\0|\\0|\\\\0|Owner",
            "80a7f049b8d602162ca284fae952b9a007c07c7b994f1a0e407fad080e0a9297"
        },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Amounts_and_texts_at_their_edges_keep_their_canonical_text_and_hash(string what, FactBody body, string text,
        string hash)
    {
        Assert.Equal((what, text), (what, ContentHash.CanonicalText(body, TestKeys.Pesel)));
        Assert.Equal((what, hash), (what, ContentHash.Of(body, TestKeys.Pesel)));
    }
}
