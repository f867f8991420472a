using System.Globalization;
using System.Text;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>Legacy code pages by number, Mazovia (620) included.</summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding of a code page; throws for a number no provider knows (a bug).</summary>
    public static Encoding Get(int codePage) =>
        codePage == MazoviaEncoding.MazoviaCodePage ? MazoviaEncoding.Instance : Encoding.GetEncoding(codePage);

    public static Option<Encoding> TryGet(int codePage)
    {
        if (codePage == MazoviaEncoding.MazoviaCodePage) return MazoviaEncoding.Instance;
        try { return Some(Encoding.GetEncoding(codePage)); }
        catch (ArgumentException) { return None; }
        catch (NotSupportedException) { return None; }
    }

    /// <summary>A short name for the user: "CP852", "CP1250", "Mazovia".</summary>
    public static string ShortName(int codePage) =>
        codePage == MazoviaEncoding.MazoviaCodePage ? "Mazovia" : $"CP{codePage}";
}

/// <summary>
/// The text encoding the user asked for: <see cref="Auto"/> (header, then heuristic) or a fixed
/// code page. Parsed from the CLI words "auto", "852", "1250", "mazovia", "cp852", "620".
/// </summary>
public sealed record EncodingOption
{
    private EncodingOption(int? codePage) => CodePage = codePage;

    /// <summary>Null for automatic choice.</summary>
    public int? CodePage { get; }

    public static readonly EncodingOption Auto = new((int?)null);
    public static readonly EncodingOption Cp852 = new(852);
    public static readonly EncodingOption Cp1250 = new(1250);
    public static readonly EncodingOption Mazovia = new(MazoviaEncoding.MazoviaCodePage);

    public static Either<string, EncodingOption> Fixed(int codePage) =>
        TextEncodings.TryGet(codePage).IsSome
            ? Right<string, EncodingOption>(new EncodingOption(codePage))
            : Left<string, EncodingOption>($"unknown code page {codePage}");

    public static Either<string, EncodingOption> Parse(string text)
    {
        var word = text.Trim().ToLowerInvariant();
        if (word is "auto" or "") return Auto;
        if (word is "mazovia" or "maz") return Mazovia;
        if (word.StartsWith("cp", StringComparison.Ordinal)) word = word[2..];
        return int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var cp)
            ? Fixed(cp)
            : Left<string, EncodingOption>($"unknown encoding '{text}' (auto, 852, 1250, mazovia or a code page)");
    }

    public override string ToString() => CodePage is { } cp ? TextEncodings.ShortName(cp) : "auto";
}
