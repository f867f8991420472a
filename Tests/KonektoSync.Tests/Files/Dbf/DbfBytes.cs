using System.Buffers.Binary;
using System.Text;

namespace KonektoSync.Tests.Files.Dbf;

/// <summary>A small byte-by-byte DBF writer for tests of cases the oracle cannot write.</summary>
internal sealed class DbfBytes(Encoding encoding)
{
    private readonly List<(string Name, char Type, int Length, int Decimals)> _fields = [];
    private readonly List<byte[]> _records = [];

    public byte Version { get; init; } = 0x03;
    public byte LanguageDriver { get; init; }
    public bool EndMarker { get; init; } = true;
    public long? DeclaredRecords { get; init; }

    public int RecordLength => 1 + _fields.Sum(f => f.Length);
    public int HeaderLength => 32 + 32 * _fields.Count + 1;

    public DbfBytes Field(string name, char type, int length, int decimals = 0)
    {
        _fields.Add((name, type, length, decimals));
        return this;
    }

    /// <summary>A record of text values (left-aligned, space-padded; numbers right-aligned).</summary>
    public DbfBytes Record(params string[] values) => Record(false, values);

    public DbfBytes Record(bool deleted, params string[] values) =>
        RecordOf(deleted, values.Select((v, i) => Pad(v, _fields[i])).ToArray());

    public DbfBytes RecordOf(bool deleted, params byte[][] values)
    {
        var record = new byte[RecordLength];
        record[0] = deleted ? (byte)'*' : (byte)' ';
        var at = 1;
        for (var i = 0; i < _fields.Count; i++)
        {
            values[i].AsSpan(0, _fields[i].Length).CopyTo(record.AsSpan(at));
            at += _fields[i].Length;
        }
        _records.Add(record);
        return this;
    }

    private byte[] Pad(string value, (string Name, char Type, int Length, int Decimals) field)
    {
        var bytes = encoding.GetBytes(value);
        var padded = Enumerable.Repeat((byte)' ', field.Length).ToArray();
        var start = field.Type is 'N' or 'F' ? field.Length - bytes.Length : 0;
        bytes.AsSpan(0, Math.Min(bytes.Length, field.Length)).CopyTo(padded.AsSpan(Math.Max(0, start)));
        return padded;
    }

    public byte[] Build()
    {
        using var file = new MemoryStream();
        var head = new byte[32];
        head[0] = Version;
        head[1] = 124; head[2] = 1; head[3] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)(DeclaredRecords ?? _records.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(8), (ushort)HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)RecordLength);
        head[29] = LanguageDriver;
        file.Write(head);
        foreach (var (name, type, length, decimals) in _fields)
        {
            var d = new byte[32];
            Encoding.ASCII.GetBytes(name).AsSpan(0, Math.Min(name.Length, 10)).CopyTo(d);
            d[11] = (byte)type;
            d[16] = (byte)length;
            d[17] = (byte)(type == 'C' && length > 255 ? length >> 8 : decimals);
            file.Write(d);
        }
        file.WriteByte(0x0D);
        foreach (var r in _records) file.Write(r);
        if (EndMarker) file.WriteByte(0x1A);
        return file.ToArray();
    }

    public string WriteTo(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, Build());
        return path;
    }

    /// <summary>A dBase III memo file: 512-byte blocks, each memo ended by 0x1A 0x1A.</summary>
    public static byte[] DbaseIIIMemo(params byte[][] memos)
    {
        using var file = new MemoryStream();
        var head = new byte[512];
        BinaryPrimitives.WriteUInt32LittleEndian(head, (uint)(1 + memos.Length));
        file.Write(head);
        foreach (var memo in memos)
        {
            var blocks = (memo.Length + 2 + 511) / 512;
            var block = new byte[blocks * 512];
            memo.CopyTo(block, 0);
            block[memo.Length] = 0x1A;
            block[memo.Length + 1] = 0x1A;
            file.Write(block);
        }
        return file.ToArray();
    }

    /// <summary>A dBase IV memo file: blocks of <paramref name="blockSize"/>, each memo with header FF FF 08 00 + length.</summary>
    public static byte[] DbaseIVMemo(int blockSize, params byte[][] memos)
    {
        using var file = new MemoryStream();
        var head = new byte[blockSize];
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(20), (ushort)blockSize);
        file.Write(head);
        foreach (var memo in memos)
        {
            var blocks = (memo.Length + 8 + blockSize - 1) / blockSize;
            var block = new byte[blocks * blockSize];
            block[0] = 0xFF; block[1] = 0xFF; block[2] = 0x08; block[3] = 0x00;
            BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)(memo.Length + 8));
            memo.CopyTo(block, 8);
            file.Write(block);
        }
        return file.ToArray();
    }

    /// <summary>A FoxPro memo file: big-endian block size in the header, each memo with type 1 and length.</summary>
    public static byte[] FoxProMemo(int blockSize, params byte[][] memos)
    {
        using var file = new MemoryStream();
        var head = new byte[512];
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(6), (ushort)blockSize);
        file.Write(head);
        foreach (var memo in memos)
        {
            var blocks = (memo.Length + 8 + blockSize - 1) / blockSize;
            var block = new byte[blocks * blockSize];
            BinaryPrimitives.WriteUInt32BigEndian(block, 1);
            BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(4), (uint)memo.Length);
            memo.CopyTo(block, 8);
            file.Write(block);
        }
        return file.ToArray();
    }
}
