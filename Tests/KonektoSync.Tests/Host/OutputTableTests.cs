using System.Text.RegularExpressions;
using KonektoSync.Domain;
using KonektoSync.Host.Cli;
using KonektoSync.Host.Sync;

namespace KonektoSync.Tests.Host;

/// <summary>Tables and progress drawn by Spectre.Console: widths and colour on a terminal, plain text when redirected.</summary>
public sealed class OutputTableTests
{
    private static readonly Regex Ansi = new(@"\x1b\[[0-9;?]*[A-Za-z]", RegexOptions.CultureInvariant);

    private static readonly string Long = string.Join(" ", Enumerable.Repeat("słowo", 40));

    private static string Draw(Screen screen)
    {
        var o = new StringWriter();
        new Output(o, TextWriter.Null, false, screen).Table(["setting", "description"],
            [["short", "one"], ["long", Long]]);
        return o.ToString();
    }

    [Fact]
    public void A_redirected_table_has_no_ansi_codes_and_one_line_per_row()
    {
        var text = Draw(Screen.Redirected);

        Assert.DoesNotContain('\x1b', text);
        var lines = text.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("setting", lines[0]);
        Assert.Matches("^-+$", lines[1]);
        Assert.Matches(@"^short\s+one$", lines[2]);
        Assert.EndsWith(Long, lines[3]);
    }

    [Fact]
    public void A_table_on_a_terminal_wraps_long_cells_to_its_width_and_has_a_bold_header()
    {
        var text = Draw(new Screen(true, true, 40));

        Assert.Contains("\x1b[1m", text);
        var lines = Ansi.Replace(text, "").TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 40, $"wider than 40: '{l}'"));
        Assert.True(lines.Count > 6, "the long cell wraps");
    }

    [Fact]
    public void Without_colour_a_terminal_table_has_no_ansi_codes()
    {
        Assert.DoesNotContain('\x1b', Draw(new Screen(true, false, 80)));
    }

    [Theory]
    [InlineData(null, "xterm-256color", true)]
    [InlineData("", "xterm", true)]
    [InlineData("1", "xterm", false)]
    [InlineData("yes", null, false)]
    [InlineData(null, "dumb", false)]
    public void NO_COLOR_and_a_dumb_terminal_turn_colour_off(string? noColor, string? term, bool colour)
    {
        Assert.Equal(colour, Screen.ColourWanted(noColor, term));
    }

    [Fact]
    public void A_writer_that_is_not_the_console_is_redirected()
    {
        Assert.Equal(Screen.Redirected, Screen.Of(new StringWriter()));
    }

    [Fact]
    public async Task Redirected_progress_writes_a_plain_line_per_report_and_returns_the_work_result()
    {
        KonektoSync.Host.Texts.Texts.UseLanguage("en"); // the texts' language is process-wide: another test may have left Polish
        var err = new StringWriter();
        var progress = new ConsoleProgress(err, Screen.Redirected);

        var result = await progress.Around(p =>
        {
            p.Report(new ProgramProgress(ProgramId.Raks, 1, 2, 10, false));
            p.Report(new ProgramProgress(ProgramId.Raks, 2, 2, 25, true));
            return Task.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.DoesNotContain('\x1b', err.ToString());
        Assert.Equal(["raks: firm 1 of 2, 10 records", "raks: firm 2 of 2, 25 records"],
            err.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    }
}
