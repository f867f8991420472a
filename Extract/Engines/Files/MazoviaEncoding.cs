using System.Text;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// Mazovia (code page 620), the Polish DOS encoding: CP437 with 18 positions replaced by the
/// Polish letters. Neither .NET, Java nor Python ships a codec for it. Byte values follow the
/// table in docs/readers/dbf.md (reference §1.7). Characters it cannot encode become '?'.
/// </summary>
public sealed class MazoviaEncoding : Encoding
{
    public const int MazoviaCodePage = 620;

    /// <summary>The Polish letters and their Mazovia bytes; the other upper-half bytes are CP437.</summary>
    public static readonly IReadOnlyDictionary<char, byte> PolishLetters = new Dictionary<char, byte>
    {
        ['ą'] = 0x86, ['Ą'] = 0x8F, ['ć'] = 0x8D, ['Ć'] = 0x95, ['ę'] = 0x91, ['Ę'] = 0x90,
        ['ł'] = 0x92, ['Ł'] = 0x9C, ['ń'] = 0xA4, ['Ń'] = 0xA5, ['ó'] = 0xA2, ['Ó'] = 0xA3,
        ['ś'] = 0x9E, ['Ś'] = 0x98, ['ź'] = 0xA6, ['Ź'] = 0xA0, ['ż'] = 0xA7, ['Ż'] = 0xA1,
    };

    public static readonly MazoviaEncoding Instance = new();

    private readonly char[] _toChar;
    private readonly Dictionary<char, byte> _toByte;

    private MazoviaEncoding() : base(MazoviaCodePage)
    {
        _toChar = BuildDecodeTable();
        _toByte = new Dictionary<char, byte>(256);
        for (var b = 255; b >= 0; b--)
            _toByte[_toChar[b]] = (byte)b;
    }

    public override string EncodingName => "Mazovia (Polish DOS, code page 620)";
    public override string WebName => "x-mazovia";
    public override string BodyName => WebName;
    public override string HeaderName => WebName;
    public override bool IsSingleByte => true;

    private static char[] BuildDecodeTable()
    {
        var cp437 = TextEncodings.Get(437);
        var bytes = new byte[256];
        for (var i = 0; i < 256; i++) bytes[i] = (byte)i;
        var table = cp437.GetChars(bytes);
        foreach (var (letter, b) in PolishLetters)
            table[b] = letter;
        return table;
    }

    public override int GetByteCount(char[] chars, int index, int count) => count;

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        for (var i = 0; i < charCount; i++)
            bytes[byteIndex + i] = _toByte.TryGetValue(chars[charIndex + i], out var b) ? b : (byte)'?';
        return charCount;
    }

    public override int GetCharCount(byte[] bytes, int index, int count) => count;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        for (var i = 0; i < byteCount; i++)
            chars[charIndex + i] = _toChar[bytes[byteIndex + i]];
        return byteCount;
    }

    public override string GetString(byte[] bytes, int index, int count) =>
        string.Create(count, (bytes, index, _toChar), static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = s._toChar[s.bytes[s.index + i]];
        });

    public override int GetMaxByteCount(int charCount) => charCount;
    public override int GetMaxCharCount(int byteCount) => byteCount;

    /// <summary>The character a byte stands for, without allocation.</summary>
    public char Decode(byte b) => _toChar[b];
}
