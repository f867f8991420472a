using System.Buffers.Binary;
using System.Text;

namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>
/// Decodes one Paradox field value. Numbers are big-endian with the sign bit flipped so that
/// bytes sort like values; a field of zero bytes is null (pxlib <c>PX_get_data_*</c>).
/// </summary>
public static class ParadoxValues
{
    private const long MillisecondsPerDay = 86_400_000;
    private static readonly int MaxDay = DateOnly.MaxValue.DayNumber + 1;

    /// <summary>
    /// The value of a field as the reader returns it: string, int, double, decimal, bool, DateOnly,
    /// TimeOnly, DateTime, byte[] or null. False with a problem when the bytes are not a valid value.
    /// </summary>
    public static bool TryDecode(
        ParadoxField field, ReadOnlySpan<byte> bytes, Encoding text, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        var kind = field.Kind;
        if (!kind.Readable || bytes.IndexOfAnyExcept((byte)0) < 0) return true;
        if (kind == ParadoxFieldKind.Alpha) value = Alpha(bytes, text);
        else if (kind == ParadoxFieldKind.Short) value = (int)Int16(bytes);
        else if (kind == ParadoxFieldKind.Long || kind == ParadoxFieldKind.AutoIncrement) value = Int32(bytes);
        else if (kind == ParadoxFieldKind.Number) value = Double(bytes);
        else if (kind == ParadoxFieldKind.Logical) value = (bytes[0] & 0x7F) != 0;
        else if (kind == ParadoxFieldKind.Bytes) value = bytes.ToArray();
        else return TryDecodeChecked(field, bytes, out value, out problem);
        return true;
    }

    private static bool TryDecodeChecked(
        ParadoxField field, ReadOnlySpan<byte> bytes, out object? value, out string? problem)
    {
        var kind = field.Kind;
        if (kind == ParadoxFieldKind.Date) return TryDate(Int32(bytes), out value, out problem);
        if (kind == ParadoxFieldKind.Time) return TryTime(Int32(bytes), out value, out problem);
        if (kind == ParadoxFieldKind.Timestamp) return TryTimestamp(Double(bytes), out value, out problem);
        if (kind == ParadoxFieldKind.Currency) return TryCurrency(Double(bytes), out value, out problem);
        return TryBcd(bytes, field.Decimals, out value, out problem);
    }

    public static string Alpha(ReadOnlySpan<byte> bytes, Encoding text)
    {
        int end = bytes.IndexOf((byte)0);
        return text.GetString(end < 0 ? bytes : bytes[..end]);
    }

    public static short Int16(ReadOnlySpan<byte> bytes) =>
        (short)(BinaryPrimitives.ReadUInt16BigEndian(bytes) ^ 0x8000);

    public static int Int32(ReadOnlySpan<byte> bytes) =>
        (int)(BinaryPrimitives.ReadUInt32BigEndian(bytes) ^ 0x8000_0000);

    public static double Double(ReadOnlySpan<byte> bytes)
    {
        ulong raw = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        ulong bits = (raw & 0x8000_0000_0000_0000) != 0 ? raw & 0x7FFF_FFFF_FFFF_FFFF : ~raw;
        return BitConverter.UInt64BitsToDouble(bits);
    }

    /// <summary>Days since 1 January 1 AD, that day being 1.</summary>
    public static bool TryDate(int days, out object? value, out string? problem)
    {
        value = null;
        problem = days < 1 || days > MaxDay ? $"date {days} is not a day number 1..{MaxDay}" : null;
        if (problem is null) value = DateOnly.FromDayNumber(days - 1);
        return problem is null;
    }

    /// <summary>Milliseconds since midnight.</summary>
    public static bool TryTime(int milliseconds, out object? value, out string? problem)
    {
        value = null;
        problem = milliseconds is < 0 or >= (int)MillisecondsPerDay
            ? $"time {milliseconds} ms is not within a day" : null;
        if (problem is null) value = new TimeOnly(milliseconds * TimeSpan.TicksPerMillisecond);
        return problem is null;
    }

    /// <summary>Milliseconds since the start of day 0 (31 December 1 BC), as a double.</summary>
    public static bool TryTimestamp(double milliseconds, out object? value, out string? problem)
    {
        value = null;
        double maxMilliseconds = (double)(DateTime.MaxValue.Ticks / TimeSpan.TicksPerMillisecond) + MillisecondsPerDay;
        problem = milliseconds >= MillisecondsPerDay && milliseconds < maxMilliseconds
            ? null : $"timestamp {milliseconds} ms is out of range";
        if (problem is not null) return false;
        double whole = Math.Floor(milliseconds);
        long ticks = ((long)whole - MillisecondsPerDay) * TimeSpan.TicksPerMillisecond
            + (long)Math.Round((milliseconds - whole) * TimeSpan.TicksPerMillisecond);
        value = new DateTime(Math.Min(ticks, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Currency is a double in the file; money is returned as decimal (15 significant digits).</summary>
    public static bool TryCurrency(double amount, out object? value, out string? problem)
    {
        value = null;
        problem = double.IsFinite(amount) && Math.Abs(amount) < 7.9e28 ? null : $"currency {amount} is out of range";
        if (problem is null) value = (decimal)amount;
        return problem is null;
    }

    /// <summary>
    /// 17 bytes: sign bit and decimal count in the first byte, then 32 digits as nibbles,
    /// every nibble inverted for negative numbers (pxlib <c>PX_get_data_bcd</c>).
    /// </summary>
    public static bool TryBcd(ReadOnlySpan<byte> bytes, int decimals, out object? value, out string? problem)
    {
        value = null;
        bool negative = (bytes[0] & 0x80) == 0;
        int scale = bytes[0] & 0x3F;
        problem = scale != decimals ? $"BCD has {scale} decimals, the field declares {decimals}"
            : scale > 28 ? $"BCD has {scale} decimals, more than a decimal holds" : null;
        if (problem is not null) return false;
        UInt128 digits = 0;
        byte flip = negative ? (byte)0x0F : (byte)0;
        for (int i = 2; i < 34; i++)
        {
            int nibble = ((i % 2 == 0 ? bytes[i / 2] >> 4 : bytes[i / 2]) & 0x0F) ^ flip;
            if (nibble > 9) { problem = $"BCD digit {i - 1} is 0x{nibble:X}"; return false; }
            digits = digits * 10 + (uint)nibble;
        }
        if (digits > (UInt128)decimal.MaxValue) { problem = "BCD has more digits than a decimal holds"; return false; }
        value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), (int)(uint)(digits >> 64), negative, (byte)scale);
        return true;
    }
}
