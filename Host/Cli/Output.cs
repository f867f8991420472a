using System.Text.Json;
using Spectre.Console;
using System.Text.Json.Serialization;
using KonektoSync.Domain;
using KonektoSync.Host.Texts;

namespace KonektoSync.Host.Cli;

/// <summary>Exit codes: 0 ok, 1 some firms or programs failed, 2 usage or configuration error.</summary>
public static class Exit
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int Usage = 2;
}

/// <summary>Plain tables on stdout, or JSON with --json; errors on stderr.</summary>
public sealed class Output(TextWriter @out, TextWriter err, bool json, Screen? shownOn = null)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Screen screen = shownOn ?? Screen.Of(@out);

    public bool Json => json;
    public TextWriter Out => @out;
    public TextWriter Err => err;

    public void Line(string text = "") => @out.WriteLine(text);
    public void Error(string text) => err.WriteLine(text);

    public int Fail(Problem p, int code = Exit.Usage)
    {
        if (json) WriteJson(new { error = p.Code, message = Texts.Texts.Of(p) });
        else Error(Texts.Texts.Get("error.prefix") + Texts.Texts.Of(p));
        return code;
    }

    public void WriteJson<T>(T value) => @out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>
    /// A table with a header row, drawn by Spectre.Console: on a terminal fitted to its width (long cells
    /// wrap) with a bold header; redirected, plain text with one line per row.
    /// </summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Spectre.Console.Table { Border = Spectre.Console.TableBorder.Simple };
        foreach (var h in header)
            table.AddColumn(new Spectre.Console.TableColumn(new Spectre.Console.Text(h,
                new Spectre.Console.Style(decoration: Spectre.Console.Decoration.Bold))));
        foreach (var row in rows)
            table.AddRow(header.Select((_, i) => (Spectre.Console.Rendering.IRenderable)new Spectre.Console.Text(i < row.Count ? row[i] : "")));
        var unicode = screen.Terminal && @out.Encoding.CodePage == 65001;
        var drawn = new StringWriter();
        screen.Console(drawn, unicode).Write(table);
        // the simple border's blank outer edges go: no empty first and last line, no trailing blanks, and
        // rows start at the left margin; redirected, the rule under the header is ASCII
        foreach (var line in drawn.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0))
        {
            var text = line.Length >= 2 ? line[2..] : line;
            @out.WriteLine(unicode ? text : text.Replace('─', '-'));
        }
    }
}
