using System.Text;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>How to open a Paradox table. <see cref="TextEncoding"/> overrides the header's code page.</summary>
public sealed record ParadoxOptions
{
    public static readonly ParadoxOptions Default = new();

    public Encoding? TextEncoding { get; private init; }

    private ParadoxOptions() { }

    /// <summary>Options from a user's encoding name ("852", "cp1250", "windows-1250"); null or empty keeps the header's.</summary>
    public static Either<FileFault, ParadoxOptions> WithEncoding(string path, string? encodingName)
    {
        if (string.IsNullOrWhiteSpace(encodingName)) return Default;
        var encoding = ParadoxText.Named(encodingName);
        if (encoding is null)
            return new FileFault("file.encoding", path, -1,
                $"encoding '{encodingName}' is not a known single-byte code page (try 852 or 1250)");
        return new ParadoxOptions { TextEncoding = encoding };
    }

    public static ParadoxOptions WithEncoding(Encoding encoding) => new() { TextEncoding = encoding };
}
