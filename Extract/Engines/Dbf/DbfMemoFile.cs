using System.Buffers.Binary;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>A memo value as stored: text or binary bytes.</summary>
public readonly record struct MemoValue(byte[] Bytes, bool IsText);

/// <summary>
/// The memo file beside a DBF: dBase III .DBT (512-byte blocks, text ended by 0x1A),
/// dBase IV .DBT (block header FF FF 08 00 + length) or FoxPro .FPT (big-endian block size in
/// the file header, each block starting with big-endian type and length).
/// </summary>
public sealed class DbfMemoFile : IDisposable
{
    /// <summary>Longest memo value read; a longer declared length is a fault, not an allocation.</summary>
    public const int MaxMemoLength = 64 * 1024 * 1024;

    private readonly FileStream _stream;
    private readonly bool _isFpt;
    private readonly int _blockSize;
    private readonly long _length;
    private readonly byte[] _head = new byte[8];

    private DbfMemoFile(string path, FileStream stream, bool isFpt, int blockSize)
    {
        Path = path;
        _stream = stream;
        _isFpt = isFpt;
        _blockSize = blockSize;
        _length = stream.Length;
    }

    public string Path { get; }

    /// <summary>Finds the memo file beside <paramref name="dbfPath"/> (name compared case-insensitively).</summary>
    public static string? Locate(string dbfPath, bool preferFpt)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(dbfPath)) ?? ".";
        var stem = System.IO.Path.GetFileNameWithoutExtension(dbfPath);
        string[] order = preferFpt ? [".fpt", ".dbt"] : [".dbt", ".fpt"];
        foreach (var ext in order)
        {
            var exact = System.IO.Path.Combine(dir, stem + ext);
            if (File.Exists(exact)) return exact;
            var match = Directory.EnumerateFiles(dir)
                .Where(f => string.Equals(System.IO.Path.GetFileName(f), stem + ext, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (match is not null) return match;
        }
        return null;
    }

    public static LanguageExt.Either<FileFault, DbfMemoFile> Open(string path, bool dbaseIv)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.RandomAccess);
            var head = new byte[512];
            var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var isFpt = path.EndsWith(".fpt", StringComparison.OrdinalIgnoreCase);
            int blockSize;
            if (isFpt)
            {
                if (got < 8)
                {
                    stream.Dispose();
                    return new FileFault("dbf.memo-truncated", path, got, "FPT header is shorter than 8 bytes");
                }
                blockSize = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(6));
                if (blockSize == 0) blockSize = 1; // FoxPro SET BLOCKSIZE TO 0: byte granularity
            }
            else
            {
                int declared = got >= 22 ? BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(20)) : 0;
                blockSize = dbaseIv && declared >= 64 ? declared : 512;
            }
            return new DbfMemoFile(path, stream, isFpt, blockSize);
        }
        catch (IOException e)
        {
            stream?.Dispose();
            return FileLocks.Fault("dbf.memo-unreadable", path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            stream?.Dispose();
            return new FileFault("dbf.memo-unreadable", path, -1, e.Message);
        }
    }

    /// <summary>Reads the memo starting at <paramref name="block"/>; block 0 means no memo.</summary>
    public LanguageExt.Either<FileFault, MemoValue> Read(long block)
    {
        var start = block * _blockSize;
        if (block <= 0 || start >= _length)
            return new FileFault("dbf.memo-pointer", Path, start,
                $"memo block {block} is beyond the end of the memo file ({_length} bytes)");
        _stream.Position = start;
        return _isFpt ? ReadFpt(start) : ReadDbt(start);
    }

    private LanguageExt.Either<FileFault, MemoValue> ReadFpt(long start)
    {
        if (_stream.ReadAtLeast(_head, 8, throwOnEndOfStream: false) < 8)
            return new FileFault("dbf.memo-truncated", Path, start, "memo block header is cut by the end of the file");
        var type = BinaryPrimitives.ReadUInt32BigEndian(_head);
        var length = BinaryPrimitives.ReadUInt32BigEndian(_head.AsSpan(4));
        return ReadExact(start + 8, length, isText: type == 1);
    }

    private LanguageExt.Either<FileFault, MemoValue> ReadDbt(long start)
    {
        var got = _stream.ReadAtLeast(_head, 8, throwOnEndOfStream: false);
        if (got == 8 && _head[0] == 0xFF && _head[1] == 0xFF && _head[2] == 0x08 && _head[3] == 0x00)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(_head.AsSpan(4));
            if (length < 8)
                return new FileFault("dbf.memo-length", Path, start + 4, $"memo length {length} is below its 8-byte header");
            return ReadExact(start + 8, length - 8, isText: true);
        }
        return ReadUntilTerminator(start);
    }

    private LanguageExt.Either<FileFault, MemoValue> ReadExact(long start, long length, bool isText)
    {
        if (length > MaxMemoLength || start + length > _length)
            return new FileFault("dbf.memo-length", Path, start - 4,
                $"memo length {length} runs past the end of the memo file ({_length} bytes)");
        var bytes = new byte[length];
        _stream.Position = start;
        if (_stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            return new FileFault("dbf.memo-truncated", Path, start, "memo cut by the end of the file");
        return new MemoValue(bytes, isText);
    }

    private LanguageExt.Either<FileFault, MemoValue> ReadUntilTerminator(long start)
    {
        _stream.Position = start;
        using var text = new MemoryStream();
        var chunk = new byte[Math.Min(_blockSize, 4096)];
        while (true)
        {
            var got = _stream.Read(chunk, 0, chunk.Length);
            if (got == 0) break;
            var end = chunk.AsSpan(0, got).IndexOf((byte)0x1A);
            text.Write(chunk, 0, end < 0 ? got : end);
            if (end >= 0) break;
            if (text.Length > MaxMemoLength)
                return new FileFault("dbf.memo-length", Path, start, $"memo has no end marker within {MaxMemoLength} bytes");
        }
        return new MemoValue(text.ToArray(), IsText: true);
    }

    public void Dispose() => _stream.Dispose();
}
