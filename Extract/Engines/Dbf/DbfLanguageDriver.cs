namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>
/// Language driver ID (header byte 29) → code page. The table follows dbfread
/// <c>codepages.py</c>, python-dbf and TDbf <c>dbf_lang.pas</c> (reference §1.6);
/// 0x69 is Mazovia (620). 0x00 and unknown IDs have no code page: the reader guesses.
/// </summary>
public static class DbfLanguageDriver
{
    private static readonly Dictionary<byte, int> CodePages = new()
    {
        [0x01] = 437, [0x02] = 850, [0x03] = 1252, [0x04] = 10000,
        [0x08] = 865, [0x09] = 437, [0x0A] = 850, [0x0B] = 437, [0x0D] = 437, [0x0E] = 850,
        [0x0F] = 437, [0x10] = 850, [0x11] = 437, [0x12] = 850, [0x13] = 932, [0x14] = 850,
        [0x15] = 437, [0x16] = 850, [0x17] = 865, [0x18] = 437, [0x19] = 437, [0x1A] = 850,
        [0x1B] = 437, [0x1C] = 863, [0x1D] = 850, [0x1F] = 852, [0x22] = 852, [0x23] = 852,
        [0x24] = 860, [0x25] = 850, [0x26] = 866, [0x37] = 850, [0x40] = 852,
        [0x4D] = 936, [0x4E] = 949, [0x4F] = 950, [0x50] = 874,
        [0x57] = 1252, [0x58] = 1252, [0x59] = 1252,
        [0x64] = 852, [0x65] = 866, [0x66] = 865, [0x67] = 861, [0x69] = 620,
        [0x6A] = 737, [0x6B] = 857,
        [0x78] = 950, [0x79] = 949, [0x7A] = 936, [0x7B] = 932, [0x7C] = 874,
        [0x7D] = 1255, [0x7E] = 1256,
        [0x87] = 852, [0x96] = 10007, [0x97] = 10029, [0x98] = 10006, [0x9B] = 1250,
        [0xC8] = 1250, [0xC9] = 1251, [0xCA] = 1254, [0xCB] = 1253,
    };

    /// <summary>The code page a language driver names, or null for 0x00 and unknown IDs.</summary>
    public static int? CodePageOf(byte languageDriver) =>
        CodePages.TryGetValue(languageDriver, out var cp) ? cp : null;
}
