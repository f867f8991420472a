using System.Text;

namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>Single-byte code pages for Paradox text, by number or name.</summary>
public static class ParadoxText
{
    /// <summary>Used when the header carries no code page: DOS Latin-2, the Polish BDE default.</summary>
    public const int DefaultCodePage = 852;

    static ParadoxText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The single-byte encoding of a code page, or null when there is none.</summary>
    public static Encoding? Get(int codePage)
    {
        try
        {
            var encoding = Encoding.GetEncoding(codePage);
            return encoding.IsSingleByte ? encoding : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// An encoding the user names: a code page number ("852"), "cp852", or a .NET name
    /// ("windows-1250", "ibm852"). Null when the name is unknown or not single-byte.
    /// </summary>
    public static Encoding? Named(string name)
    {
        var trimmed = name.Trim();
        var digits = trimmed.StartsWith("cp", StringComparison.OrdinalIgnoreCase) ? trimmed[2..] : trimmed;
        if (int.TryParse(digits, out int codePage)) return Get(codePage);
        try
        {
            var encoding = Encoding.GetEncoding(trimmed);
            return encoding.IsSingleByte ? encoding : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
