using System.Buffers.Binary;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>How a field's bytes become a value.</summary>
public enum DbfFieldKind
{
    Text, Numeric, Date, Logical, Int32, AutoIncrement, Timestamp, Currency, Double,
    Memo, BinaryMemo, Raw, VarChar, VarBinary, NullFlags,
}

/// <summary>A field descriptor, with its position in the record (after the deletion flag).</summary>
public sealed record DbfField(
    byte[] NameBytes, char Type, DbfFieldKind Kind, int Offset, int Length, int Decimals,
    byte Flags, long DescriptorOffset, int NullBit, int VarLengthBit)
{
    public bool IsHidden => Kind == DbfFieldKind.NullFlags;
    public bool UsesMemo => Kind is DbfFieldKind.Memo or DbfFieldKind.BinaryMemo;
    public bool IsText => Kind is DbfFieldKind.Text or DbfFieldKind.VarChar;
}

/// <summary>The 32-byte DBF header and the field descriptors, checked against the file size.</summary>
public sealed record DbfHeader(
    byte Version, long DeclaredRecords, int HeaderLength, int RecordLength, byte LanguageDriver,
    IReadOnlyList<DbfField> Fields)
{
    public const int FixedLength = 32;
    public const int DescriptorLength = 32;
    public const int MaxFields = 2046;

    private static readonly System.Collections.Generic.HashSet<byte> KnownVersions =
        [0x02, 0x03, 0x04, 0x05, 0x07, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x87, 0x8B, 0x8E, 0xCB, 0xE5, 0xF5, 0xFB];

    public bool IsVisualFoxPro => Version is 0x30 or 0x31 or 0x32;
    public bool IsFoxPro => IsVisualFoxPro || Version is 0xF5 or 0xFB;
    public bool HasMemoFields => Fields.Any(f => f.UsesMemo);

    public string FormatName => Version switch
    {
        0x02 or 0xFB => "FoxBASE",
        0x03 or 0x83 => "dBase III",
        0x04 or 0x05 or 0x43 or 0x63 or 0x8B or 0x8E or 0xCB => "dBase IV",
        0x30 or 0x31 or 0x32 => "Visual FoxPro",
        0xF5 => "FoxPro 2",
        0xE5 => "HiPer-Six (Harbour)",
        _ => "dBase",
    };

    /// <summary>Parses the header bytes (the whole header, or what the file has of it).</summary>
    public static Either<FileFault, DbfHeader> Parse(ReadOnlySpan<byte> bytes, long fileLength, string path)
    {
        FileFault Fault(string code, long offset, string message) => new(code, path, offset, message);

        if (bytes.Length < FixedLength)
            return Fault("dbf.truncated", bytes.Length, $"file has {fileLength} bytes, a DBF header needs {FixedLength}");
        var version = bytes[0];
        if (!KnownVersions.Contains(version))
            return Fault("dbf.version", 0, $"version byte 0x{version:X2} is not a known DBF version");
        var declared = (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]);
        if (headerLength < FixedLength + 1)
            return Fault("dbf.header-length", 8, $"header length {headerLength} is below the minimum {FixedLength + 1}");
        if (headerLength > fileLength)
            return Fault("dbf.truncated", fileLength, $"header length {headerLength} is beyond the end of the file ({fileLength} bytes)");
        if (recordLength < 2)
            return Fault("dbf.record-length", 10, $"record length {recordLength} leaves no room for a field");
        if (bytes.Length < headerLength)
            return Fault("dbf.truncated", bytes.Length, $"header of {headerLength} bytes is cut at {bytes.Length}");
        var languageDriver = bytes[29];
        return ParseFields(bytes[..headerLength], version, recordLength, path)
            .Map(fields => new DbfHeader(version, declared, headerLength, recordLength, languageDriver, fields));
    }

    private static Either<FileFault, IReadOnlyList<DbfField>> ParseFields(
        ReadOnlySpan<byte> header, byte version, int recordLength, string path)
    {
        var fields = new List<DbfField>();
        var isVfp = version is 0x30 or 0x31 or 0x32;
        var offset = 1; // after the deletion flag
        var bit = 0;
        long at = FixedLength;
        for (; at + DescriptorLength <= header.Length && header[(int)at] != 0x0D; at += DescriptorLength)
        {
            if (fields.Count == MaxFields)
                return new FileFault("dbf.field-count", path, at, $"more than {MaxFields} field descriptors");
            var d = header.Slice((int)at, DescriptorLength);
            if (Describe(d, isVfp, offset, at, ref bit, path, out var f) is { } fault) return fault;
            if (f.Offset + f.Length > recordLength)
                return new FileFault("dbf.field-beyond-record", path, at + 16,
                    $"field {fields.Count + 1} ends at byte {f.Offset + f.Length} of a {recordLength}-byte record");
            fields.Add(f);
            offset += f.Length;
        }
        if (fields.Count == 0)
            return new FileFault("dbf.no-fields", path, FixedLength, "the header declares no fields");
        return Right<FileFault, IReadOnlyList<DbfField>>(fields);
    }

    private static FileFault? Describe(
        ReadOnlySpan<byte> d, bool isVfp, int offset, long at, ref int bit, string path, out DbfField field)
    {
        field = null!;
        var nameLength = d[..11].IndexOf((byte)0);
        var name = d[..(nameLength < 0 ? 11 : nameLength)].ToArray();
        var type = (char)d[11];
        int length = d[16];
        int decimals = d[17];
        var flags = d[18];
        if (type == 'C' && decimals > 0 && !isVfp)
        {
            length |= decimals << 8; // Clipper/Harbour: character fields longer than 255 bytes
            decimals = 0;
        }
        var kind = KindOf(type, length, isVfp);
        if (kind is null)
            return new FileFault("dbf.field-type", path, at + 11, $"field type '{Printable(type)}' is not known");
        var fixedLength = FixedLengthOf(kind.Value);
        if (fixedLength is { } need && length != need)
            return new FileFault("dbf.field-length", path, at + 16,
                $"field type '{type}' must be {need} bytes long, the header says {length}");
        if (kind is DbfFieldKind.Memo or DbfFieldKind.BinaryMemo && length is not (4 or 10))
            return new FileFault("dbf.field-length", path, at + 16, $"memo field of {length} bytes (4 or 10 expected)");
        var varBit = -1;
        var nullBit = -1;
        if (isVfp && kind is DbfFieldKind.VarChar or DbfFieldKind.VarBinary) varBit = bit++;
        if (isVfp && (flags & 0x02) != 0 && kind != DbfFieldKind.NullFlags) nullBit = bit++;
        field = new DbfField(name, type, kind.Value, offset, length, decimals, flags, at, nullBit, varBit);
        return null;
    }

    private static string Printable(char c) => c is >= ' ' and < (char)0x7F ? c.ToString() : $"0x{(int)c:X2}";

    private static DbfFieldKind? KindOf(char type, int length, bool isVfp) => type switch
    {
        'C' => DbfFieldKind.Text,
        'N' or 'F' => DbfFieldKind.Numeric,
        'D' => DbfFieldKind.Date,
        'L' => DbfFieldKind.Logical,
        'I' => DbfFieldKind.Int32,
        '+' => DbfFieldKind.AutoIncrement,
        '@' or 'T' => DbfFieldKind.Timestamp,
        'Y' => DbfFieldKind.Currency,
        'B' when isVfp || length == 8 => DbfFieldKind.Double,
        'M' => DbfFieldKind.Memo,
        'B' or 'G' or 'P' or 'W' => DbfFieldKind.BinaryMemo,
        'V' => DbfFieldKind.VarChar,
        'Q' => DbfFieldKind.VarBinary,
        'O' => DbfFieldKind.Raw,
        '0' => DbfFieldKind.NullFlags,
        _ => null,
    };

    private static int? FixedLengthOf(DbfFieldKind kind) => kind switch
    {
        DbfFieldKind.Date => 8,
        DbfFieldKind.Logical => 1,
        DbfFieldKind.Int32 or DbfFieldKind.AutoIncrement => 4,
        DbfFieldKind.Timestamp or DbfFieldKind.Currency or DbfFieldKind.Double => 8,
        _ => null,
    };
}
