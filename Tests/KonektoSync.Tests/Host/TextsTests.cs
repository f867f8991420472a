using System.Text.RegularExpressions;
using System.Xml.Linq;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Host.Texts;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Planning;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Host;

/// <summary>Texts.UseLanguage is process-wide: these tests run alone.</summary>
[CollectionDefinition("Texts", DisableParallelization = true)]
public sealed class TextsCollection;

[Collection("Texts")]
public sealed class TextsTests
{
    private static readonly Regex Placeholder = new(@"\{(\d+)(?::([^}]*))?\}", RegexOptions.CultureInvariant);

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KonektoSync.sln")))
                return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("repository root not found");
    }

    private static List<(string Key, string En, string Pl)> Rows() =>
        File.ReadAllLines(RepoFile("Host/Texts/strings.tsv"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c.Length > 1 ? c[1] : "", c.Length > 2 ? c[2] : ""))
            .ToList();

    private static SortedSet<int> Indexes(string template) =>
        new(Placeholder.Matches(template).Select(m => int.Parse(m.Groups[1].Value)));

    private static Dictionary<string, string> Resx(string file) =>
        XDocument.Load(RepoFile("Host/Texts/" + file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static T InLanguage<T>(string lang, Func<T> render)
    {
        Texts.UseLanguage(lang);
        try { return render(); }
        finally { Texts.UseLanguage("en"); }
    }

    [Fact]
    public void Every_key_has_an_english_and_a_polish_text_with_the_same_placeholders()
    {
        var rows = Rows();
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.En), $"{r.Key}: no English text");
            Assert.False(string.IsNullOrWhiteSpace(r.Pl), $"{r.Key}: no Polish text");
            Assert.True(Indexes(r.En).SetEquals(Indexes(r.Pl)),
                $"{r.Key}: placeholders differ: '{r.En}' / '{r.Pl}'");
        });
    }

    [Fact]
    public void Every_part_a_template_names_exists_in_both_languages()
    {
        var keys = Rows().Select(r => r.Key).ToHashSet();
        var groups = Rows().SelectMany(r => Placeholder.Matches(r.En + r.Pl))
            .Where(m => m.Groups[2].Success).Select(m => m.Groups[2].Value).Distinct();
        Assert.All(groups, g => Assert.Contains(keys, k => k.StartsWith(g + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_generated_resources_match_strings_tsv()
    {
        var rows = Rows();
        var en = Resx("Strings.resx");
        var pl = Resx("Strings.pl.resx");
        Assert.Equal(rows.ToDictionary(r => r.Key, r => r.En).OrderBy(kv => kv.Key, StringComparer.Ordinal),
            en.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(rows.ToDictionary(r => r.Key, r => r.Pl).OrderBy(kv => kv.Key, StringComparer.Ordinal),
            pl.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    // ---- real values, rendered

    private static readonly Nip Bakery = Valid(Nip.Create("8567346215"));

    private static Problem NipChecksum() =>
        Nip.Create("526-025-02-75").Match(Succ: _ => throw new InvalidOperationException(), Fail: e => e.Head);

    private static SyncEvent Conflict()
    {
        var firm = new MergedFirm(Bakery, Seq(
            new FirmInProgram(ProgramId.Fakt, "PIEKARNIA", new Firm(Bakery, "Piekarnia Nowak", None, "", None, None, Seq<Person>())),
            new FirmInProgram(ProgramId.Raks, "17", new Firm(Bakery, "Piekarnia Nowak", None, "", None, None, Seq<Person>()))));
        var request = new SyncRequest(P(2024, 1), P(2024, 3), Set(DataKind.Zus), None,
            Approve: false, SendSummary: false, Manual: true);
        return SyncPlanner.Plan(Seq1(firm), Map<Nip, SourceSettings>(), SourceSettings.None, Set(Bakery), request)
            .Notes.Single(n => n.Args[1] == "zus");
    }

    private static SyncEvent MissingVat7() =>
        DeclarationGate.Apply(Seq(Declaration("1", "VAT-7", new DateOnly(2024, 1, 31), 500m),
            Declaration("2", "VAT-7", new DateOnly(2024, 3, 31), 700m)), P(2024, 1), P(2024, 3), new DateOnly(2024, 12, 31)).Events.Single();

    private static SyncEvent MissingPit4() =>
        DeclarationGate.Apply(Seq1(Declaration("1", "PIT-4R", new DateOnly(2024, 1, 31), 300m)), P(2024, 1), P(2024, 2),
            new DateOnly(2024, 12, 31))
            .Events.Single();

    private static Problem FirebirdPort() =>
        FirebirdTarget.FromConfig("Raks", new ProgramConfig(ProgramId.Raks, new Dictionary<string, string> { ["port"] = "99999" }, null))
            .Match(Right: _ => throw new InvalidOperationException(), Left: p => p);

    private static Problem OdsTooOld() => OdsHeader.Mismatch("Raks", "/data/RAKS.FDB", new OdsVersion(11, 2))!;

    private static Problem TableMissing() => SourceProblems.TableMissing("Fakt", "Firebird", "/data/FAKT.FDB", "FIRMY");

    private static SyncEvent InvalidNip() =>
        FirmMerge.Merge(Seq1(new RawFirm(ProgramId.Fakt, "F2", "526-025-02-75", "Piekarnia Nowak", null, null, null, null, null, null, [])))
            .Events.Single();

    public static TheoryData<string, string, string, string> Rendered() => new()
    {
        { "nip", "en", "NIP 526-025-02-75: wrong check digit", "" },
        { "nip", "pl", "NIP 526-025-02-75: błędna cyfra kontrolna", "" },
        { "conflict", "en",
            "Firm 'Piekarnia Nowak' (NIP 856-734-62-15): ZUS contributions is in several programs (Fakt, Raks) and none is chosen; not updated",
            "Choose the source: konektosync firms source 8567346215 --zus fakt." },
        { "conflict", "pl",
            "Firma 'Piekarnia Nowak' (NIP 856-734-62-15): składki ZUS są w kilku programach (Fakt, Raks), a żaden nie został wybrany; nie zaktualizowano",
            "Wybierz źródło: konektosync firms source 8567346215 --zus fakt." },
        { "vat7", "en", "Raks: no VAT-7 declaration for 2024-02", "add it in Księgowość > Deklaracje (Ctrl+F6)" },
        { "vat7", "pl", "Raks: brak deklaracji VAT-7 za 2024-02", "dodaj ją w Księgowość > Deklaracje (Ctrl+F6)" },
        { "pit4", "en", "Raks: no PIT-4R declaration dated in 2024-02, so there is no PIT-4 advance for 2024-02",
            "generate PIT-4R dated 2024-02-29 (the last day of the month) in Kadry i Płace > Zestawienia > Deklaracje (Shift+Ctrl+D)" },
        { "pit4", "pl", "Raks: brak deklaracji PIT-4R z datą w 2024-02, więc nie ma zaliczki PIT-4 za 2024-02",
            "wygeneruj PIT-4R z datą 2024-02-29 (ostatni dzień miesiąca) w Kadry i Płace > Zestawienia > Deklaracje (Shift+Ctrl+D)" },
        { "port", "en", "Raks: setting port is '99999', expected 1-65535", "" },
        { "port", "pl", "Raks: ustawienie port ma wartość '99999', oczekiwano: 1-65535", "" },
        { "ods", "pl", "Raks: nie można otworzyć /data/RAKS.FDB: ten plik wymaga wersji Firebird 2.5 (ODS 11.2); ta instalacja ma Firebird 3 (ODS 12): " +
            "odczytaj go przez serwer Firebird tego programu (serverType server, jego host i port) albo przekonwertuj go narzędziem gbak", "" },
        { "table", "en", "Fakt: table FIRMY missing in /data/FAKT.FDB: program version older than supported: update Fakt, or name the table in a profile override", "" },
        { "table", "pl", "Fakt: brak tabeli FIRMY w /data/FAKT.FDB: wersja programu starsza niż obsługiwana: zaktualizuj program Fakt albo podaj nazwę tabeli w pliku profilu", "" },
        { "invalid-nip", "en", "Firm 'Piekarnia Nowak' (key F2) in Fakt has an invalid NIP: NIP 526-025-02-75: wrong check digit; it is not synchronised",
            "Correct the NIP in Fakt." },
        { "invalid-nip", "pl", "Firma 'Piekarnia Nowak' (klucz F2) w programie Fakt ma błędny NIP: NIP 526-025-02-75: błędna cyfra kontrolna; nie jest synchronizowana",
            "Popraw NIP w programie Fakt." },
    };

    private static (string Code, string Message, string Remedy, Seq<string> Args, Func<string> Render, Func<string> RenderRemedy) Value(string name)
    {
        static (string, string, string, Seq<string>, Func<string>, Func<string>) OfProblem(Problem p) =>
            (p.Code, p.Message, "", p.Args, () => Texts.Of(p), () => "");
        static (string, string, string, Seq<string>, Func<string>, Func<string>) OfEvent(SyncEvent e) =>
            (e.Code, e.Message, e.Remedy, e.Args, () => Texts.Of(e), () => Texts.Remedy(e));
        return name switch
        {
            "nip" => OfProblem(NipChecksum()),
            "conflict" => OfEvent(Conflict()),
            "vat7" => OfEvent(MissingVat7()),
            "pit4" => OfEvent(MissingPit4()),
            "port" => OfProblem(FirebirdPort()),
            "ods" => OfProblem(OdsTooOld()),
            "table" => OfProblem(TableMissing()),
            "invalid-nip" => OfEvent(InvalidNip()),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Rendered))]
    public void A_real_value_renders_in_the_language_with_its_args(string value, string lang, string message, string remedy)
    {
        var v = Value(value);
        var (m, r) = InLanguage(lang, () => (v.Render(), v.RenderRemedy()));
        Assert.Equal(message, m);
        Assert.Equal(remedy, r);
    }

    [Theory]
    [InlineData("nip")]
    [InlineData("conflict")]
    [InlineData("vat7")]
    [InlineData("pit4")]
    [InlineData("port")]
    [InlineData("ods")]
    [InlineData("table")]
    [InlineData("invalid-nip")]
    public void The_english_rendering_is_the_message_the_value_carries(string value)
    {
        var v = Value(value);
        var (m, r) = InLanguage("en", () => (v.Render(), v.RenderRemedy()));
        Assert.Equal(v.Message, m);
        Assert.Equal(v.Remedy, r);
    }

    [Theory]
    [InlineData("nip")]
    [InlineData("conflict")]
    [InlineData("vat7")]
    [InlineData("pit4")]
    [InlineData("port")]
    [InlineData("ods")]
    [InlineData("table")]
    [InlineData("invalid-nip")]
    public void Templates_name_no_placeholder_beyond_the_values_args(string value)
    {
        var v = Value(value);
        var rows = Rows().ToDictionary(r => r.Key);
        foreach (var key in new[] { "msg." + v.Code, "remedy." + v.Code })
        {
            if (!rows.TryGetValue(key, out var row)) continue;
            foreach (var template in Expand(row.En, v.Args, rows).Concat(Expand(row.Pl, v.Args, rows)))
                Assert.True(Indexes(template).All(i => i < v.Args.Count),
                    $"{key}: '{template}' needs more than the {v.Args.Count} args of {v.Code}");
        }
        Assert.True(rows.ContainsKey("msg." + v.Code), $"msg.{v.Code} missing");
    }

    /// <summary>The template and the parts it picks for these args.</summary>
    private static IEnumerable<string> Expand(string template, Seq<string> args,
        Dictionary<string, (string Key, string En, string Pl)> rows)
    {
        yield return template;
        foreach (Match m in Placeholder.Matches(template))
        {
            var i = int.Parse(m.Groups[1].Value);
            if (!m.Groups[2].Success || i >= args.Count) continue;
            if (rows.TryGetValue(m.Groups[2].Value + "." + args[i], out var part))
            {
                yield return part.En;
                yield return part.Pl;
            }
        }
    }

    [Fact]
    public void A_code_without_a_text_falls_back_to_the_english_sentence()
    {
        var p = Problem.Of("no.such-code", "something happened", "x");
        Assert.Equal("something happened", InLanguage("pl", () => Texts.Of(p)));
    }

    private static string Sources()
    {
        var root = RepoFile("");
        return string.Join("\n", new[] { "Domain", "Transform", "Extract", "Load", "Host", "Panel" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .Select(File.ReadAllText));
    }

    private static string Code(string key) => key[(key.IndexOf('.') + 1)..];

    [Fact]
    public void Every_key_is_used()
    {
        var sources = Sources();
        var rows = Rows();
        var groups = rows.SelectMany(r => Placeholder.Matches(r.En + r.Pl))
            .Where(m => m.Groups[2].Success).Select(m => m.Groups[2].Value + ".").ToHashSet();
        var help = KonektoSync.Host.Cli.HelpTexts.All(
            KonektoSync.Host.Cli.CliApp.Build(TextWriter.Null, TextWriter.Null, TimeProvider.System)).Select(s => s.Key).ToHashSet();
        var scl = new System.Resources.ResourceManager("System.CommandLine.Properties.Resources",
                typeof(System.CommandLine.RootCommand).Assembly)
            .GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, true, true)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => "scl." + e.Key).ToHashSet();

        bool Used(string key) =>
            key.StartsWith("help.", StringComparison.Ordinal) ? help.Contains(key)
            : key.StartsWith("scl.", StringComparison.Ordinal) ? scl.Contains(key)
            : key.StartsWith("msg.", StringComparison.Ordinal) || key.StartsWith("remedy.", StringComparison.Ordinal)
                ? sources.Contains('"' + Code(key) + '"', StringComparison.Ordinal)
                  || sources.Contains('"' + key + '"', StringComparison.Ordinal)
                  // a code made of a variable part and a fixed one: $"{owner}.invalid-email"
                  || sources.Contains("}" + Code(key)[Code(key).IndexOf('.')..] + '"', StringComparison.Ordinal)
            : sources.Contains('"' + key + '"', StringComparison.Ordinal)
              || groups.Any(g => key.StartsWith(g, StringComparison.Ordinal))
              || Enumerable.Range(1, key.Length - 1).Where(i => key[i - 1] == '.')
                  .Any(i => sources.Contains('"' + key[..i] + "\" +", StringComparison.Ordinal)
                      || sources.Contains("$\"" + key[..i] + "{", StringComparison.Ordinal));

        var unused = rows.Select(r => r.Key).Where(k => !Used(k)).ToList();
        Assert.True(unused.Count == 0, "keys nothing uses: " + string.Join(", ", unused));
    }

    private static T Valid<T>(Validation<Problem, T> v) =>
        v.Match(Succ: x => x, Fail: e => throw new InvalidOperationException(e.Head.Message));
}
