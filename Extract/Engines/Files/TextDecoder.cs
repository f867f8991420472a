using System.Text;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// Decodes text of one encoding without allocating: a single-byte code page (CP852, CP1250,
/// Mazovia) through a table of its 256 characters, built once from the encoding itself, so the
/// characters are exactly those <see cref="Encoding.GetString(byte[])"/> gives; any other
/// encoding through the encoding.
/// </summary>
public sealed class TextDecoder
{
    private readonly Encoding _encoding;
    private readonly char[]? _table;

    public TextDecoder(Encoding encoding)
    {
        _encoding = encoding;
        if (!encoding.IsSingleByte) return;
        var bytes = new byte[256];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)i;
        var chars = encoding.GetChars(bytes);
        if (chars.Length == bytes.Length) _table = chars;
    }

    /// <summary>The most characters <paramref name="byteCount"/> bytes decode to.</summary>
    public int MaxChars(int byteCount) => _table is null ? _encoding.GetMaxCharCount(byteCount) : byteCount;

    /// <summary>Decodes into <paramref name="chars"/> (at least <see cref="MaxChars"/> long); returns the characters written.</summary>
    public int Decode(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (_table is null) return _encoding.GetChars(bytes, chars);
        var table = _table;
        chars = chars[..bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = table[bytes[i]];
        return bytes.Length;
    }

    public string GetString(ReadOnlySpan<byte> bytes)
    {
        if (_table is null) return _encoding.GetString(bytes);
        if (bytes.IsEmpty) return "";
        var chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        return new string(chars[..Decode(bytes, chars)]);
    }
}
