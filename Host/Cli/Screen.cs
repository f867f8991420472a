using Spectre.Console;

namespace KonektoSync.Host.Cli;

/// <summary>
/// Where text goes: a terminal (its width, wrapping, colour unless NO_COLOR is set or TERM is dumb) or
/// a redirect (plain text, no ANSI codes, one line per table row). See https://no-color.org.
/// </summary>
public sealed record Screen(bool Terminal, bool Colour, int Width)
{
    /// <summary>Wide enough that a redirected table row is never wrapped.</summary>
    public const int Unbounded = 4096;

    public static readonly Screen Redirected = new(false, false, Unbounded);

    public static Screen Of(TextWriter writer)
    {
        var terminal = (ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected)
            || (ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected);
        if (!terminal) return Redirected;
        return new(true, ColourWanted(Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM")),
            TerminalWidth());
    }

    /// <summary>Colour on a terminal unless NO_COLOR is set to anything but "" or the terminal is dumb.</summary>
    public static bool ColourWanted(string? noColor, string? term) => string.IsNullOrEmpty(noColor) && term != "dumb";

    private static int TerminalWidth()
    {
        try { return System.Console.WindowWidth is > 0 and var w ? w : 80; }
        catch (IOException) { return 80; }
    }

    /// <summary>A Spectre.Console console writing to <paramref name="writer"/> as this screen allows.</summary>
    public IAnsiConsole Console(TextWriter writer) => Console(writer, Terminal && writer.Encoding.CodePage == 65001);

    /// <summary>A Spectre.Console console writing to <paramref name="writer"/> as this screen allows.</summary>
    public IAnsiConsole Console(TextWriter writer, bool unicode)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = Colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = Terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = Width;
        console.Profile.Capabilities.Unicode = unicode;
        console.Profile.Capabilities.Interactive = Terminal;
        return console;
    }
}
