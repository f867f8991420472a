using System.Buffers.Binary;
using System.Globalization;

namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>Pure decoders of field bytes; each returns false when the bytes are not a valid value.</summary>
internal static class DbfValues
{
    private const int JulianDayOfUnixEpoch = 2440588;
    private static readonly DateTime UnixEpoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly int MinJulianDay = JulianDayOfUnixEpoch + (DateTime.MinValue.Date - UnixEpoch).Days;
    private static readonly int MaxJulianDay = JulianDayOfUnixEpoch + (DateTime.MaxValue.Date - UnixEpoch).Days;

    /// <summary>A text field's bytes without the trailing blanks and NULs that pad it.</summary>
    public static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)' ' or 0) end--;
        return bytes[..end];
    }

    /// <summary>A number as a decimal when it fits one, else as a finite double; both null for a blank field.</summary>
    public static bool Numeric(ReadOnlySpan<byte> bytes, out decimal? value, out double? wide)
    {
        value = null;
        wide = null;
        var s = bytes.Trim((byte)' ').Trim((byte)0);
        if (s.IsEmpty) return true;
        if (PlainDecimal(s, out var plain))
        {
            value = plain;
            return true;
        }
        Span<char> chars = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            var c = (char)s[i];
            chars[i] = c == ',' ? '.' : c;
        }
        if (decimal.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) { value = d; return true; }
        if (double.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f))
        {
            wide = f;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The common number <c>-?(0|[1-9][0-9]*)([.,][0-9]+)?</c> of at most 18 digits (not a negative
    /// zero) read without the parser: the same decimal, scale included, that decimal.TryParse gives.
    /// </summary>
    private static bool PlainDecimal(ReadOnlySpan<byte> s, out decimal value)
    {
        value = 0;
        var negative = s[0] == (byte)'-';
        var i = negative ? 1 : 0;
        long mantissa = 0;
        int digits = 0, scale = 0, start = i;
        for (; i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++) mantissa = mantissa * 10 + (s[i] - '0');
        var whole = i - start;
        if (whole == 0 || (whole > 1 && s[start] == (byte)'0')) return false;
        if (i < s.Length)
        {
            if (s[i] is not ((byte)'.' or (byte)',') || i + 1 == s.Length) return false;
            for (i++; i < s.Length; i++, digits++, scale++)
            {
                if (s[i] is < (byte)'0' or > (byte)'9') return false;
                mantissa = mantissa * 10 + (s[i] - '0');
            }
        }
        if (digits > 18 || (negative && mantissa == 0)) return false;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    public static bool Date(ReadOnlySpan<byte> bytes, out DateOnly? value)
    {
        value = null;
        var s = bytes.Trim((byte)' ').Trim((byte)0);
        if (s.IsEmpty || s.SequenceEqual("00000000"u8)) return true;
        if (s.Length != 8) return false;
        int y = 0, m = 0, d = 0;
        for (var i = 0; i < 8; i++)
        {
            var digit = s[i] - '0';
            if (digit is < 0 or > 9) return false;
            if (i < 4) y = y * 10 + digit; else if (i < 6) m = m * 10 + digit; else d = d * 10 + digit;
        }
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        value = new DateOnly(y, m, d);
        return true;
    }

    public static bool Logical(byte b, out bool? value)
    {
        value = b switch
        {
            (byte)'T' or (byte)'t' or (byte)'Y' or (byte)'y' => true,
            (byte)'F' or (byte)'f' or (byte)'N' or (byte)'n' => false,
            _ => null,
        };
        return value is not null || b is (byte)' ' or (byte)'?' or 0;
    }

    /// <summary>'I', and Harbour's '+' autoincrement: little-endian int32 (VFP stores the same).</summary>
    public static int Int32(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt32LittleEndian(bytes);

    public static decimal Currency(ReadOnlySpan<byte> bytes) =>
        new decimal(BinaryPrimitives.ReadInt64LittleEndian(bytes)) / 10000m;

    public static double Double(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadDoubleLittleEndian(bytes);

    /// <summary>VFP 'T' and Harbour '@': julian day then milliseconds since midnight, both int32.</summary>
    public static bool Timestamp(ReadOnlySpan<byte> bytes, out DateTime? value)
    {
        value = null;
        var day = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var ms = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (day == 0 && ms == 0) return true;
        if (day < MinJulianDay || day > MaxJulianDay || ms is < 0 or >= 86_400_000) return false;
        value = UnixEpoch.AddDays(day - JulianDayOfUnixEpoch).AddMilliseconds(ms);
        return true;
    }

    /// <summary>A memo block number: ASCII digits (dBase, 10 bytes) or little-endian int32 (VFP, 4 bytes).</summary>
    public static bool MemoBlock(ReadOnlySpan<byte> bytes, out long block)
    {
        block = 0;
        if (bytes.Length == 4)
        {
            block = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            return true;
        }
        var s = bytes.Trim((byte)' ').Trim((byte)0);
        foreach (var c in s)
        {
            if (c is < (byte)'0' or > (byte)'9' || block > 100_000_000_000L) return false;
            block = block * 10 + (c - '0');
        }
        return true;
    }
}
