using System.Globalization;
using System.Text;

namespace KonektoSync.Extract.Samples;

/// <summary>
/// A dBase III table for sample writers: character (C), numeric (N), date (D) and logical (L)
/// fields, text in the given code page with its language driver byte in the header. Layout as in
/// the dBase file format description, https://www.dbase.com/Knowledgebase/INT/db7_file_fmt.htm
/// (the level 3 header is the first 32 bytes of it). Only sample data: the readers are tested
/// against files written by other tools.
/// </summary>
public sealed class DbfSampleFile(Encoding encoding, byte languageDriver)
{
    private readonly List<(string Name, char Type, int Length, int Decimals)> _fields = [];
    private readonly List<object?[]> _records = [];

    /// <summary>CP1250 text with its language driver 0xC8 (Windows EE).</summary>
    public static DbfSampleFile Cp1250() => new(SampleEncodings.Get(1250), 0xC8);

    /// <summary>CP852 text with its language driver 0x64 (Eastern European MS-DOS).</summary>
    public static DbfSampleFile Cp852() => new(SampleEncodings.Get(852), 0x64);

    public DbfSampleFile Field(string name, char type, int length, int decimals = 0)
    {
        _fields.Add((name, type, length, decimals));
        return this;
    }

    /// <summary>A record: string, decimal/int, DateOnly, bool or null per field.</summary>
    public DbfSampleFile Record(params object?[] values)
    {
        if (values.Length != _fields.Count) throw new ArgumentException($"{values.Length} values for {_fields.Count} fields");
        _records.Add(values);
        return this;
    }

    public int Count => _records.Count;

    public byte[] Bytes()
    {
        var headerLength = 32 + 32 * _fields.Count + 1;
        var recordLength = 1 + _fields.Sum(f => f.Length);
        using var s = new MemoryStream();
        var h = new byte[32];
        h[0] = 0x03;
        h[1] = 124; h[2] = 1; h[3] = 1; // last update 2024-01-01
        BitConverter.TryWriteBytes(h.AsSpan(4), _records.Count);
        BitConverter.TryWriteBytes(h.AsSpan(8), (short)headerLength);
        BitConverter.TryWriteBytes(h.AsSpan(10), (short)recordLength);
        h[29] = languageDriver;
        s.Write(h);
        foreach (var (name, type, length, decimals) in _fields)
        {
            var d = new byte[32];
            Encoding.ASCII.GetBytes(name).AsSpan(0, Math.Min(10, name.Length)).CopyTo(d);
            d[11] = (byte)type;
            d[16] = (byte)length;
            d[17] = (byte)decimals;
            s.Write(d);
        }
        s.WriteByte(0x0D);
        foreach (var record in _records)
        {
            s.WriteByte(0x20);
            for (var i = 0; i < _fields.Count; i++) s.Write(Cell(_fields[i], record[i]));
        }
        s.WriteByte(0x1A);
        return s.ToArray();
    }

    private byte[] Cell((string Name, char Type, int Length, int Decimals) f, object? value)
    {
        var text = (f.Type, value) switch
        {
            (_, null) => "",
            ('N', decimal d) => d.ToString("F" + f.Decimals, CultureInfo.InvariantCulture).PadLeft(f.Length),
            ('N', int n) => n.ToString(CultureInfo.InvariantCulture).PadLeft(f.Length),
            ('D', DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            ('L', bool b) => b ? "T" : "F",
            (_, var v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        };
        var bytes = encoding.GetBytes(text);
        var cell = Enumerable.Repeat((byte)' ', f.Length).ToArray();
        if (bytes.Length > f.Length) throw new ArgumentException($"{f.Name}: '{text}' is longer than {f.Length}");
        bytes.CopyTo(cell, f.Type == 'N' ? f.Length - bytes.Length : 0);
        return cell;
    }

    /// <summary>Writes the table as a new file; an existing file is an <see cref="IOException"/>.</summary>
    public string WriteTo(string path)
    {
        using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        f.Write(Bytes());
        return path;
    }
}

/// <summary>The code pages sample writers use (registered once).</summary>
public static class SampleEncodings
{
    static SampleEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Get(int codePage) => Encoding.GetEncoding(codePage);
}
