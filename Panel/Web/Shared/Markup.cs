using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace KonektoSync.Panel.Web.Shared;

/// <summary>
/// HTML that is safe to write as it is: the literal parts of an interpolated string
/// <c>Markup.Of($"&lt;td&gt;{value}&lt;/td&gt;")</c> are written unchanged, every hole is
/// HTML-encoded (<see cref="Encoder"/>) unless it is <see cref="Markup"/> itself.
/// So no text from the panel's data can become markup by accident.
/// </summary>
public readonly record struct Markup(string Html)
{
    public static readonly Markup Empty = new("");

    /// <summary>HTML encoding that keeps letters of every script (Polish ones) as they are and encodes &lt; &gt; &amp; " ' and the like.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static Markup Of(ref MarkupHandler html) => new(html.ToStringAndClear());

    /// <summary>Text, encoded.</summary>
    public static Markup Text(string? text) => new(Markup.Encoder.Encode(text ?? ""));

    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(p => p.Html)));

    public static Markup When(bool condition, Markup then) => condition ? then : Empty;

    public override string ToString() => Html;
}

/// <summary>Builds <see cref="Markup"/>: literals as they are, holes encoded.</summary>
[InterpolatedStringHandler]
public ref struct MarkupHandler
{
    private readonly StringBuilder builder;

    public MarkupHandler(int literalLength, int formattedCount) => builder = new StringBuilder(literalLength + formattedCount * 16);

    public readonly void AppendLiteral(string s) => builder.Append(s);

    public readonly void AppendFormatted(Markup m) => builder.Append(m.Html);

    public readonly void AppendFormatted(string? s) => builder.Append(Markup.Encoder.Encode(s ?? ""));

    public readonly void AppendFormatted<T>(T value) =>
        builder.Append(Markup.Encoder.Encode(value is IFormattable f
            ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? ""));

    internal readonly string ToStringAndClear()
    {
        var s = builder.ToString();
        builder.Clear();
        return s;
    }
}
