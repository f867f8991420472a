using System.Buffers.Binary;
using System.Text;

namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>
/// Writes a Paradox 7 data table (.DB, file version id 12, non-indexed) for sample and demo data:
/// the header (block 0) with the field descriptors, the table name, the field names and the code page
/// at 0x6A, then full data blocks chained by their next/previous block numbers. Field types: A alpha,
/// N number, $ money, D date, S short, I long, L logical. Value encodings as the reader decodes them
/// (<see cref="ParadoxValues"/>): big-endian with the sign bit flipped, a field of zero bytes is null.
/// Layout after pxlib's <c>fileformat.h</c> and <c>px_head.c</c>, https://github.com/steinm/pxlib;
/// the files are checked by reading them back with pxlib in the tests.
/// </summary>
public sealed class ParadoxWriter
{
    private const int DataHeaderEnd = 0x78;
    private const int TableNameLength = 261;
    private const int BlockHeaderSize = 6;
    private const int HeaderUnit = 2048;
    private static readonly ParadoxFieldKind[] Writable =
    [
        ParadoxFieldKind.Alpha, ParadoxFieldKind.Number, ParadoxFieldKind.Currency, ParadoxFieldKind.Date,
        ParadoxFieldKind.Short, ParadoxFieldKind.Long, ParadoxFieldKind.Logical,
    ];

    private readonly Encoding _text;
    private readonly int _codePage;
    private readonly List<(string Name, ParadoxFieldKind Kind, int Size)> _fields = [];
    private readonly List<object?[]> _records = [];

    /// <summary>A table whose text is in the given single-byte code page (stored at 0x6A).</summary>
    public ParadoxWriter(int codePage)
    {
        _text = ParadoxText.Get(codePage) ?? throw new ArgumentException($"code page {codePage} is not a single-byte code page");
        _codePage = codePage;
    }

    public int Count => _records.Count;

    /// <summary>A field; <paramref name="size"/> is needed for alpha only (1..255), the other types have fixed sizes.</summary>
    public ParadoxWriter Field(string name, ParadoxFieldKind kind, int size = 0)
    {
        if (!Writable.Contains(kind)) throw new ArgumentException($"field {name}: type {kind.Letter} is not written");
        var length = kind.FixedSize > 0 ? kind.FixedSize : size;
        if (!kind.Fits(length)) throw new ArgumentException($"field {name}: type {kind.Letter} cannot have size {size}");
        if (name.Length == 0 || name.Contains('\0')) throw new ArgumentException("a field needs a name without NUL");
        _fields.Add((name, kind, length));
        return this;
    }

    /// <summary>
    /// A record, one value per field: string (A), double or decimal (N, $), DateOnly (D), int (S, I),
    /// bool (L), or null. An empty string is stored as null, as Paradox stores it.
    /// </summary>
    public ParadoxWriter Record(params object?[] values)
    {
        if (values.Length != _fields.Count) throw new ArgumentException($"{values.Length} values for {_fields.Count} fields");
        _records.Add(values);
        return this;
    }

    private int RecordSize => _fields.Sum(f => f.Size);

    /// <summary>The block size factor (×1 KiB): 2, or the smallest power of two a record fits in.</summary>
    private int BlockFactor
    {
        get
        {
            var factor = 2;
            while (factor * 1024 - BlockHeaderSize < RecordSize) factor *= 2;
            if (factor > 32) throw new InvalidOperationException($"a record of {RecordSize} bytes does not fit a Paradox block");
            return factor;
        }
    }

    /// <summary>The whole file. <paramref name="tableName"/> is what the header names (the file name, e.g. "Ksiega.db").</summary>
    public byte[] Bytes(string tableName)
    {
        if (_fields.Count == 0) throw new InvalidOperationException("a Paradox table needs at least one field");
        var recordSize = RecordSize;
        var blockSize = BlockFactor * 1024;
        var perBlock = (blockSize - BlockHeaderSize) / recordSize;
        var blocks = (_records.Count + perBlock - 1) / perBlock;
        if (blocks > ushort.MaxValue) throw new InvalidOperationException($"{_records.Count} records need more than {ushort.MaxValue} blocks");
        var header = Header(tableName, recordSize, blocks);
        var file = new byte[header.Length + blocks * blockSize];
        header.CopyTo(file, 0);
        for (var b = 0; b < blocks; b++)
        {
            var block = file.AsSpan(header.Length + b * blockSize, blockSize);
            var first = b * perBlock;
            var count = Math.Min(perBlock, _records.Count - first);
            BinaryPrimitives.WriteUInt16LittleEndian(block, (ushort)(b + 1 < blocks ? b + 2 : 0));
            BinaryPrimitives.WriteUInt16LittleEndian(block[2..], (ushort)b);
            BinaryPrimitives.WriteInt16LittleEndian(block[4..], (short)((count - 1) * recordSize));
            for (var r = 0; r < count; r++)
                WriteRecord(_records[first + r], block.Slice(BlockHeaderSize + r * recordSize, recordSize));
        }
        return file;
    }

    /// <summary>Writes the table as a new file named after its table (an existing file is an <see cref="IOException"/>).</summary>
    public string WriteTo(string path)
    {
        var bytes = Bytes(Path.GetFileName(path));
        using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        f.Write(bytes);
        return path;
    }

    private byte[] Header(string tableName, int recordSize, int blocks)
    {
        var names = _fields.Select(f => _text.GetBytes(f.Name)).ToList();
        var count = _fields.Count;
        var sortOrder = Encoding.ASCII.GetBytes("ANSIINTL\0");
        // field info, table name pointer, field name pointers, table name, names, field numbers, sort order
        var realSize = DataHeaderEnd + count * (2 + 4) + 4 + TableNameLength + names.Sum(n => n.Length + 1) + count * 2 + sortOrder.Length;
        var h = new byte[(realSize + HeaderUnit - 1) / HeaderUnit * HeaderUnit];
        var s = h.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)recordSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x02..], (ushort)h.Length);
        h[0x04] = 2; // non-indexed data table
        h[0x05] = (byte)BlockFactor;
        BinaryPrimitives.WriteInt32LittleEndian(s[0x06..], _records.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x0A..], (ushort)blocks); // next block to use
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x0C..], (ushort)blocks); // file blocks
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x0E..], (ushort)(blocks > 0 ? 1 : 0)); // first block
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x10..], (ushort)blocks); // last block
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x21..], (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(s[0x25..], 0xFF00FF00); // encryption: see 0x5C (none)
        h[0x29] = 0x62; // sort order
        h[0x2D] = 2; h[0x2E] = 1; // change counts
        h[0x39] = 12; // file version id: Paradox 7
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x3A..], (ushort)blocks); // max blocks
        h[0x3E] = 0x1F; h[0x3F] = 0x0F;
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x51..], (ushort)realSize);
        h[0x56] = 0x20;
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x58..], 0x010C); // data header: file version ids
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x5A..], 0x010C);
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x64..], (ushort)(count + 1)); // highest field id
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x6A..], (ushort)_codePage);
        h[0x6C] = 1; h[0x6D] = 1;
        var at = DataHeaderEnd;
        foreach (var (_, kind, size) in _fields)
        {
            h[at++] = kind.Code;
            h[at++] = (byte)size;
        }
        at += 4 + count * 4; // pointers: in memory of the program that wrote the file, not read
        var table = _text.GetBytes(tableName);
        table.AsSpan(0, Math.Min(table.Length, TableNameLength - 1)).CopyTo(s[at..]);
        at += TableNameLength;
        foreach (var name in names)
        {
            name.CopyTo(s[at..]);
            at += name.Length + 1;
        }
        for (var i = 0; i < count; i++, at += 2) BinaryPrimitives.WriteUInt16LittleEndian(s[at..], (ushort)(i + 1));
        sortOrder.CopyTo(s[at..]);
        return h;
    }

    private void WriteRecord(object?[] values, Span<byte> record)
    {
        var at = 0;
        for (var i = 0; i < _fields.Count; i++)
        {
            var (name, kind, size) = _fields[i];
            var cell = record.Slice(at, size);
            at += size;
            if (values[i] is null) continue;
            try
            {
                WriteValue(kind, values[i]!, cell);
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or ArgumentException)
            {
                throw new ArgumentException($"field {name} ({kind.Letter}): {values[i]} cannot be written: {e.Message}", e);
            }
        }
    }

    private void WriteValue(ParadoxFieldKind kind, object value, Span<byte> cell)
    {
        if (kind == ParadoxFieldKind.Alpha)
        {
            var bytes = _text.GetBytes((string)value);
            if (bytes.Length > cell.Length) throw new ArgumentException($"'{value}' is longer than {cell.Length} bytes");
            if (bytes.Contains((byte)0)) throw new ArgumentException("text with NUL");
            bytes.CopyTo(cell);
        }
        else if (kind == ParadoxFieldKind.Number || kind == ParadoxFieldKind.Currency)
        {
            var bits = BitConverter.DoubleToUInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            BinaryPrimitives.WriteUInt64BigEndian(cell, (bits & 0x8000_0000_0000_0000) == 0 ? bits | 0x8000_0000_0000_0000 : ~bits);
        }
        else if (kind == ParadoxFieldKind.Date)
            WriteInt32(((DateOnly)value).DayNumber + 1, cell);
        else if (kind == ParadoxFieldKind.Short)
        {
            var n = checked((short)Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
            if (n == short.MinValue) throw new ArgumentException("-32768 is stored as null");
            BinaryPrimitives.WriteUInt16BigEndian(cell, (ushort)(n ^ 0x8000));
        }
        else if (kind == ParadoxFieldKind.Long)
        {
            var n = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if (n == int.MinValue) throw new ArgumentException("-2147483648 is stored as null");
            WriteInt32(n, cell);
        }
        else cell[0] = (bool)value ? (byte)0x81 : (byte)0x80;
    }

    private static void WriteInt32(int n, Span<byte> cell) =>
        BinaryPrimitives.WriteUInt32BigEndian(cell, (uint)n ^ 0x8000_0000);
}
