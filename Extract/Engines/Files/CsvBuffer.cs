using System.Globalization;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// RFC 4180 CSV (comma separated, CRLF line ends, a field holding a comma, quote, CR or LF quoted
/// with its quotes doubled) written into one reused character buffer and handed to a
/// <see cref="TextWriter"/> in blocks of about 64 K characters, so a writer that flushes on every
/// call (the console's) is called once a block, not once a field. Values are formatted straight
/// into the buffer (invariant culture), so a row costs no strings. A row stays whole in the buffer
/// until <see cref="EndRow"/>; <see cref="DropRow"/> takes back a row found faulty half-way.
/// </summary>
public sealed class CsvBuffer(TextWriter output)
{
    private const int FlushAt = 1 << 16;
    private const string Special = ",\"\r\n";

    private char[] _chars = new char[FlushAt * 2];
    private char[] _scratch = new char[256];
    private int _length;
    private int _rowStart;
    private bool _rowEmpty = true;

    /// <summary>A null value: an empty field.</summary>
    public void Empty() => Separate();

    /// <summary>A text field, quoted when it holds a comma, quote, CR or LF.</summary>
    public void Text(ReadOnlySpan<char> text)
    {
        Separate();
        if (text.IndexOfAny(Special) < 0)
        {
            Append(text);
            return;
        }
        Append("\"");
        for (var quote = text.IndexOf('"'); quote >= 0; quote = text.IndexOf('"'))
        {
            Append(text[..(quote + 1)]);
            Append("\"");
            text = text[(quote + 1)..];
        }
        Append(text);
        Append("\"");
    }

    /// <summary>Text in a single-byte encoding, decoded through <paramref name="decoder"/> into a reused buffer.</summary>
    public void Text(ReadOnlySpan<byte> bytes, TextDecoder decoder)
    {
        if (_scratch.Length < decoder.MaxChars(bytes.Length)) _scratch = new char[Math.Max(_scratch.Length * 2, decoder.MaxChars(bytes.Length))];
        Text(_scratch.AsSpan(0, decoder.Decode(bytes, _scratch)));
    }

    /// <summary>A value formatted in the invariant culture, as <c>IFormattable.ToString(format, InvariantCulture)</c> gives it.</summary>
    public void Formatted<T>(T value, ReadOnlySpan<char> format = default) where T : ISpanFormattable
    {
        var (start, rowEmpty) = (_length, _rowEmpty);
        Separate();
        int written;
        while (!value.TryFormat(_chars.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
            Grow(_chars.Length);
        if (_chars.AsSpan(_length, written).IndexOfAny(Special) < 0)
        {
            _length += written;
            return;
        }
        // no invariant number or date holds one, but a value that does is still quoted
        var text = new string(_chars, _length, written);
        (_length, _rowEmpty) = (start, rowEmpty);
        Text(text);
    }

    /// <summary>A date as ISO 8601 (2024-02-29).</summary>
    public void Date(DateOnly date)
    {
        Separate();
        Ensure(10);
        var chars = _chars.AsSpan(_length, 10);
        Digits(chars[..4], date.Year);
        chars[4] = '-';
        Digits(chars[5..7], date.Month);
        chars[7] = '-';
        Digits(chars[8..], date.Day);
        _length += 10;
    }

    private static void Digits(Span<char> chars, int value)
    {
        for (var i = chars.Length - 1; i >= 0; i--, value /= 10) chars[i] = (char)('0' + value % 10);
    }

    /// <summary>A date and time as ISO 8601, milliseconds only when there are some.</summary>
    public void Timestamp(DateTime time) =>
        Formatted(time, time.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.fff");

    /// <summary>A logical value as <c>true</c> or <c>false</c>.</summary>
    public void Logical(bool value)
    {
        Separate();
        Append(value ? "true" : "false");
    }

    /// <summary>Binary data as Base64.</summary>
    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Separate();
        var need = (bytes.Length + 2) / 3 * 4;
        Ensure(need);
        Convert.TryToBase64Chars(bytes, _chars.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Ends the row with CRLF; hands the buffer on once it holds a block.</summary>
    public void EndRow()
    {
        Append("\r\n");
        _rowStart = _length;
        _rowEmpty = true;
        if (_length >= FlushAt) Flush();
    }

    /// <summary>Takes back the fields written since the last row ended.</summary>
    public void DropRow()
    {
        _length = _rowStart;
        _rowEmpty = true;
    }

    /// <summary>Hands every ended row to the writer (a row not yet ended stays).</summary>
    public void Flush()
    {
        if (_rowStart == 0) return;
        output.Write(_chars, 0, _rowStart);
        _chars.AsSpan(_rowStart, _length - _rowStart).CopyTo(_chars);
        _length -= _rowStart;
        _rowStart = 0;
    }

    private void Separate()
    {
        if (!_rowEmpty) Append(",");
        _rowEmpty = false;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > _chars.Length) Grow(_length + more - _chars.Length);
    }

    private void Grow(int atLeast) => Array.Resize(ref _chars, _chars.Length + Math.Max(atLeast, _chars.Length));

    /// <summary>Writes <paramref name="value"/> as <see cref="FileDump.Format"/> would show it.</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null: Empty(); break;
            case string s: Text(s); break;
            case DateOnly d: Date(d); break;
            case TimeOnly t: Formatted(t, t.Millisecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff"); break;
            case DateTime t: Timestamp(t); break;
            case bool b: Logical(b); break;
            case byte[] bytes: Bytes(bytes); break;
            case double d: Formatted(d, "R"); break;
            case float f: Formatted(f, "R"); break;
            case ISpanFormattable f: Formatted(f); break;
            default: Text(FileDump.Format(value)); break;
        }
    }
}
