using System.Buffers.Binary;
using System.Text;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>A field of a Paradox table: where its bytes sit in a record and how to read them.</summary>
public sealed record ParadoxField(string Name, ParadoxFieldKind Kind, int Length, int Decimals, int Offset);

/// <summary>
/// The header (block 0) of a Paradox data table, checked against the file's length.
/// Layout after pxlib's <c>fileformat.h</c> and <c>px_head.c</c> (little-endian header values).
/// </summary>
public sealed record ParadoxHeader
{
    /// <summary>Size of the fixed common header; the data header of version 4+ files follows it.</summary>
    public const int CommonHeaderSize = 0x58;
    private const int DataHeaderEnd = 0x78;
    private const int CodePageOffset = 0x6A;

    public int RecordSize { get; private init; }
    public int HeaderSize { get; private init; }
    public int FileType { get; private init; }
    public int BlockSize { get; private init; }
    public long RecordCount { get; private init; }
    public int FileBlocks { get; private init; }
    public int FirstBlock { get; private init; }
    public int LastBlock { get; private init; }
    public int FileVersionId { get; private init; }
    /// <summary>The code page at 0x6A, 0 when the file has no data header.</summary>
    public int CodePage { get; private init; }
    public string TableName { get; private init; } = "";
    public IReadOnlyList<ParadoxField> Fields { get; private init; } = [];
    public EncodingChoice Encoding { get; private init; } = new("", 0, "");
    public Encoding TextEncoding { get; private init; } = System.Text.Encoding.Latin1;

    private ParadoxHeader() { }

    /// <summary>Reads the fixed part: what is needed to know how many header bytes to read.</summary>
    public static Either<FileFault, int> HeaderLength(ReadOnlySpan<byte> start, long fileLength, string path)
    {
        if (start.Length < CommonHeaderSize)
            return Fault("file.truncated", path, fileLength,
                $"file has {fileLength} bytes, a Paradox header needs at least {CommonHeaderSize}");
        int headerSize = U16(start, 2);
        if (headerSize < CommonHeaderSize)
            return Fault("paradox.header.size", path, 2, $"header size {headerSize} is too small");
        if (headerSize > fileLength)
            return Fault("file.truncated", path, fileLength,
                $"header says it is {headerSize} bytes long but the file has {fileLength}");
        return headerSize;
    }

    /// <summary>Parses the whole header (block 0), choosing the text encoding.</summary>
    public static Either<FileFault, ParadoxHeader> Parse(byte[] head, string path, Encoding? encodingOverride) =>
        CheckBasics(head, path)
            .Bind(header => ChooseEncoding(header.CodePage, encodingOverride, path)
                .Map(chosen => header with { Encoding = chosen.Item1, TextEncoding = chosen.Item2 }))
            .Bind(header => ReadFields(head, header, path));

    private static Either<FileFault, ParadoxHeader> CheckBasics(ReadOnlySpan<byte> head, string path)
    {
        int fileType = head[4], tableSize = head[5], version = head[0x39], recordSize = U16(head, 0);
        if (fileType is not (0 or 2))
            return Fault("paradox.header.filetype", path, 4,
                $"file type {fileType} is not a Paradox data table (.DB is 0 or 2)");
        if (tableSize is < 1 or > 32)
            return Fault("paradox.header.blocksize", path, 5, $"block size factor {tableSize} is not 1..32");
        if (version is < 3 or > 15)
            return Fault("paradox.header.version", path, 0x39, $"file version id {version} is not 3..15");
        int blockSize = tableSize * 1024;
        if (recordSize == 0 || recordSize > blockSize - 6)
            return Fault("paradox.header.recordsize", path, 0,
                $"record size {recordSize} does not fit a block of {blockSize} bytes");
        int records = BinaryPrimitives.ReadInt32LittleEndian(head[6..]);
        if (records < 0)
            return Fault("paradox.header.records", path, 6, $"record count {records} is negative");
        bool dataHeader = version >= 5;
        if (dataHeader && head.Length < DataHeaderEnd)
            return Fault("paradox.header.size", path, 2,
                $"header size {head.Length} is too small for a version {version} file");
        var encryption = Encryption(head, dataHeader);
        if (encryption.Value != 0)
            return Fault("paradox.encrypted", path, encryption.Offset,
                "the table is password-protected (encrypted); decrypt it in Paradox or the BDE first");
        return new ParadoxHeader
        {
            RecordSize = recordSize,
            HeaderSize = head.Length,
            FileType = fileType,
            BlockSize = blockSize,
            RecordCount = records,
            FileBlocks = U16(head, 0x0C),
            FirstBlock = U16(head, 0x0E),
            LastBlock = U16(head, 0x10),
            FileVersionId = version,
            CodePage = dataHeader ? U16(head, CodePageOffset) : 0,
        };
    }

    private static (uint Value, long Offset) Encryption(ReadOnlySpan<byte> head, bool dataHeader)
    {
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(head[0x25..]);
        if (first != 0xFF00FF00) return (first, 0x25);
        return dataHeader ? (BinaryPrimitives.ReadUInt32LittleEndian(head[0x5C..]), 0x5C) : (0, 0x25);
    }

    private static Either<FileFault, (EncodingChoice, Encoding)> ChooseEncoding(
        int codePage, Encoding? encodingOverride, string path)
    {
        if (encodingOverride is not null)
            return (Choice(encodingOverride, $"set by the user (header says {codePage})"), encodingOverride);
        if (codePage == 0)
        {
            var fallback = ParadoxText.Get(ParadoxText.DefaultCodePage)!;
            return (Choice(fallback, "default: the header has no code page"), fallback);
        }
        var fromHeader = ParadoxText.Get(codePage);
        if (fromHeader is null)
            return Fault("paradox.codepage", path, CodePageOffset,
                $"code page {codePage} in the header is not a known single-byte code page; set the encoding");
        return (Choice(fromHeader, "header code page at 0x6A"), fromHeader);
    }

    private static EncodingChoice Choice(Encoding encoding, string how) =>
        new(encoding.WebName, encoding.CodePage, how);

    private static Either<FileFault, ParadoxHeader> ReadFields(
        ReadOnlySpan<byte> head, ParadoxHeader header, string path)
    {
        int count = U16(head, 0x21);
        int info = header.FileVersionId >= 5 ? DataHeaderEnd : CommonHeaderSize;
        int tableNameLength = header.FileVersionId >= 12 ? 261 : 79;
        int tableNameAt = info + count * 6 + 4;
        if (count == 0 || tableNameAt + tableNameLength > head.Length)
            return Fault("paradox.header.fieldcount", path, 0x21,
                $"field count {count} does not fit a header of {head.Length} bytes");
        var fields = new ParadoxField[count];
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            int at = info + i * 2;
            var kind = ParadoxFieldKind.FromCode(head[at]);
            if (kind is null)
                return Fault("paradox.field.type", path, at, $"field {i + 1} has unknown type 0x{head[at]:X2}");
            int size = head[at + 1];
            if (!kind.Fits(size))
                return Fault("paradox.field.size", path, at + 1,
                    $"field {i + 1} of type {kind.Letter} cannot have size {size}");
            int length = kind == ParadoxFieldKind.Bcd ? 17 : size;
            fields[i] = new ParadoxField("", kind, length, kind == ParadoxFieldKind.Bcd ? size : 0, offset);
            offset += length;
        }
        if (offset != header.RecordSize)
            return Fault("paradox.header.recordsize", path, 0,
                $"record size {header.RecordSize} differs from the sum of the field sizes {offset}");
        return Names(head, header, fields, tableNameAt, tableNameLength, path);
    }

    private static Either<FileFault, ParadoxHeader> Names(
        ReadOnlySpan<byte> head, ParadoxHeader header, ParadoxField[] fields,
        int tableNameAt, int tableNameLength, string path)
    {
        var text = header.TextEncoding;
        var tableName = Terminated(head.Slice(tableNameAt, tableNameLength));
        int at = tableNameAt + tableNameLength;
        for (int i = 0; i < fields.Length; i++)
        {
            int end = at < head.Length ? head[at..].IndexOf((byte)0) : -1;
            if (end < 0)
                return Fault("paradox.field.names", path, Math.Min(at, head.Length),
                    $"the name of field {i + 1} runs past the end of the header");
            fields[i] = fields[i] with { Name = text.GetString(head.Slice(at, end)) };
            at += end + 1;
        }
        return header with { TableName = text.GetString(tableName), Fields = fields };
    }

    private static ReadOnlySpan<byte> Terminated(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return end < 0 ? bytes : bytes[..end];
    }

    private static int U16(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);

    private static FileFault Fault(string code, string path, long offset, string message) =>
        new(code, path, offset, message);
}
