using System.CommandLine;
using System.Text.RegularExpressions;
using KonektoSync.Host.Cli;

namespace KonektoSync.Tests.Host;

/// <summary>
/// With --lang pl everything the command line writes is Polish (help, System.CommandLine's own
/// texts, parse errors); in English nothing is Polish but program names and the manual's Polish terms.
/// </summary>
public sealed class CliLanguageTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose() => _cli.Dispose();

    internal static readonly string[] EnglishWords =
    [
        "the", "and", "of", "to", "for", "with", "from", "is", "are", "not", "by", "each", "every", "all", "which",
        "what", "when", "this", "that", "show", "usage", "options", "commands", "arguments", "description", "required",
        "unrecognized", "help", "information", "version", "was", "provided", "missing", "command", "option",
        "people", "protected", "taxes", "enabled", "disabled", "on", "off", "dry", "records", "did", "you", "mean",
        "following", "matched", "cannot", "expected", "only", "files", "these", "folder's", "unknown", "error",
        "yes", "no", "works", "settings", "setting", "value", "name", "available", "configured", "selected",
    ];

    /// <summary>Polish terms of the manual and program names that English texts keep as they are.</summary>
    internal static readonly string[] PolishTermsKept =
    [
        "Wysyłaj raporty o błędach", "Automatycznie wysyłaj wiadomości aktywacyjne", "Aktualizuj dane podstawowe",
        "Kopiuj składki ZUS z poprzednich miesięcy", "Dopasuj i przypisz płatników do firm", "Zatwierdź dane",
        "Wyślij zestawienie", "Aktualizuj wybrane", "brak danych", "nie aktualizuj", "Płatnik", "Mała Księgowość",
        "biuro rachunkowe", "Nie aktualizuj", "Brak danych", "Ustaw program dla wszystkich firm z listy",
        "Wybierz firmy", "Aktualizuj dane",
    ];

    private static readonly string[] PolishWords =
        ["i", "oraz", "lub", "nie", "dla", "jest", "firmy", "polecenie", "opcje", "danych", "w", "z", "na", "od"];

    private static readonly Regex Identifiers = new(@"'[^']*'|\w+(?:,\w+)+|\w+(?:-\w+)+|<[^>]*>|(?<![\w-])--?[\w-]+|\S*[/\\]\S*|\b\w+=\S*",
        RegexOptions.CultureInvariant);

    private static HashSet<string> Names()
    {
        var root = CliApp.Build(TextWriter.Null, TextWriter.Null, TimeProvider.System);
        return HelpTexts.All(root).Select(s => s.Symbol.Name).ToHashSet();
    }

    /// <summary>The English words of a text meant to be Polish, past identifiers, quoted commands and names.</summary>
    internal static List<string> English(string text, ISet<string> names)
    {
        var prose = Identifiers.Replace(text, " ");
        return Regex.Matches(prose, @"[\p{L}']+").Select(m => m.Value)
            .Where(w => !names.Contains(w) && EnglishWords.Contains(w.ToLowerInvariant()))
            .Distinct().ToList();
    }

    /// <summary>The Polish words and letters of a text meant to be English, past the terms it keeps.</summary>
    internal static List<string> Polish(string text)
    {
        var prose = PolishTermsKept.OrderByDescending(t => t.Length).Aggregate(Identifiers.Replace(text, " "), (t, term) => t.Replace(term, " "));
        return Regex.Matches(prose, @"[\p{L}']+").Select(m => m.Value)
            .Where(w => w.IndexOfAny("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".ToCharArray()) >= 0 || PolishWords.Contains(w))
            .Distinct().ToList();
    }

    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Command c, string path)
        {
            data.Add(path);
            foreach (var s in c.Subcommands) Walk(s, (path + " " + s.Name).Trim());
        }
        Walk(CliApp.Build(TextWriter.Null, TextWriter.Null, TimeProvider.System), "");
        return data;
    }

    private static string[] Args(string path, params string[] more) =>
        path.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(more).ToArray();

    [Fact]
    public void Every_command_option_and_argument_has_a_help_text_in_the_texts_file()
    {
        var keys = File.ReadAllLines(TextsFile()).Select(l => l.Split('\t')[0]).ToHashSet();
        var root = CliApp.Build(TextWriter.Null, TextWriter.Null, TimeProvider.System);

        var missing = HelpTexts.All(root).Where(s => !keys.Contains(s.Key))
            .Select(s => $"{s.Key}\t{s.Symbol.Description}").ToList();

        Assert.True(missing.Count == 0, "no help text for:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Help_in_polish_has_no_english_words(string path)
    {
        var r = _cli.RunIn("pl", Args(path, "--help"));

        Assert.Equal(0, r.Exit);
        Assert.Contains("Użycie", r.Out);
        Assert.Empty(English(r.Out + r.Err, Names()));
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Help_in_english_has_no_polish_words(string path)
    {
        var r = _cli.RunIn("en", Args(path, "--help"));

        Assert.Equal(0, r.Exit);
        Assert.Contains("Usage", r.Out);
        Assert.Empty(Polish(r.Out + r.Err));
    }

    public static TheoryData<string> BadCommandLines() =>
    [
        "frobnicate", "panel show", "programs set", "init extra", "log --limit many", "firms select --nope",
        "panel frims", "programs lst", "sync --dry-rn x", "settings --send-error-reports maybe",
    ];

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void Parse_errors_in_polish_are_polish(string line)
    {
        _cli.Run("init");

        var r = _cli.RunIn("pl", Args(line));

        Assert.Equal(2, r.Exit);
        Assert.NotEqual("", r.Err + r.Out);
        Assert.Empty(English(r.Out + r.Err, Names()));
    }

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void Parse_errors_in_english_are_english(string line)
    {
        _cli.Run("init");

        var r = _cli.RunIn("en", Args(line));

        Assert.Equal(2, r.Exit);
        Assert.Empty(Polish(r.Out + r.Err));
    }

    [Fact]
    public void The_word_lists_find_english_in_polish_and_polish_in_english()
    {
        Assert.Equal(["Show", "help"], English("  -?, -h, --help  Show help i informacje", new HashSet<string>()));
        Assert.Equal(["nie", "żadnych"], Polish("Done, nie ma żadnych zmian in 'konektosync log'"));
        Assert.Empty(Polish("Płatnik: Kopiuj składki ZUS z poprzednich miesięcy (on|off)"));
    }

    [Theory]
    [InlineData("en", "", "panel", "Usage")]
    [InlineData("en", "panel", "show", "Usage")]
    [InlineData("en", "programs", "spec", "Usage")]
    [InlineData("pl", "", "sync", "Użycie")]
    [InlineData("pl", "config", "clear", "Użycie")]
    [InlineData("pl", "files", "dump", "Użycie")]
    public void A_bare_command_group_prints_its_help_and_exits_0(string lang, string group, string subcommand, string heading)
    {
        var r = _cli.RunIn(lang, Args(group));

        Assert.Equal(0, r.Exit);
        Assert.Contains(heading, r.Out);
        Assert.Contains("  " + subcommand + " ", r.Out);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData("en", "panle", "panel")]
    [InlineData("pl", "panle", "panel")]
    [InlineData("en", "programs lst", "list")]
    [InlineData("pl", "programs lst", "list")]
    [InlineData("pl", "sync --dry-rn x", "--dry-run")]
    [InlineData("en", "log --lats", "--last")]
    public void A_typo_in_a_command_or_option_suggests_the_right_one(string lang, string line, string suggestion)
    {
        var r = _cli.RunIn(lang, Args(line));

        Assert.Equal(2, r.Exit);
        Assert.Contains(lang == "pl" ? "Czy chodziło o" : "Did you mean", r.Out + r.Err);
        Assert.Contains("\n" + suggestion, (r.Out + r.Err).ReplaceLineEndings("\n"));
    }

    internal static string TextsFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KonektoSync.sln")))
                return Path.Combine(dir.FullName, "Host/Texts/strings.tsv");
        throw new InvalidOperationException("repository root not found");
    }
}
