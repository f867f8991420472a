using System.Text.Json;
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
public sealed class Output(TextWriter @out, TextWriter err, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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

    /// <summary>A text table with a header row; columns padded to their widest cell.</summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        foreach (var (row, n) in all.Select((r, n) => (r, n)))
        {
            @out.WriteLine(string.Join("  ", row.Select((c, i) => i == row.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
            if (n == 0) @out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
    }
}
