using System.Collections;
using System.Buffers.Binary;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;
using Microsoft.Win32.SafeHandles;

namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>
/// A Paradox data table (.DB) read block by block along the header's block chain. Memory use is
/// one block (at most 32 KiB) and a 64 Ki-bit set of visited blocks, whatever the file claims.
/// </summary>
public sealed class ParadoxTable : ITableFile
{
    private const int BlockHeaderSize = 6;
    private const int MaxBlockNumber = ushort.MaxValue;
    private readonly SafeFileHandle _file;
    private long _blobValuesNotRead;

    public string Path { get; }
    public string Format => "paradox";
    public ParadoxHeader Header { get; }
    public EncodingChoice Encoding => Header.Encoding;
    public IReadOnlyList<FileColumn> Columns { get; }

    /// <summary>Non-null memo/BLOB values met so far; they are returned as null (not read).</summary>
    public long BlobValuesNotRead => Interlocked.Read(ref _blobValuesNotRead);

    private ParadoxTable(string path, SafeFileHandle file, ParadoxHeader header)
    {
        Path = path;
        _file = file;
        Header = header;
        Columns = header.Fields
            .Select(f => new FileColumn(f.Name, f.Kind.Letter, f.Kind.Name, f.Length, f.Decimals))
            .ToArray();
    }

    public static Either<FileFault, ParadoxTable> Open(string path, ParadoxOptions options)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (e is IOException io && FileLocks.Held(io)) return FileLocks.Fault("file.unreadable", path, io);
            return new FileFault(e is FileNotFoundException or DirectoryNotFoundException ? "file.missing" : "file.unreadable",
                path, -1, $"cannot open the file: {e.Message}");
        }
        var header = ReadHeader(file, path, options);
        if (header.IsLeft) file.Dispose();
        return header.Map(h => new ParadoxTable(path, file, h));
    }

    private static Either<FileFault, ParadoxHeader> ReadHeader(SafeFileHandle file, string path, ParadoxOptions options)
    {
        try
        {
            long length = RandomAccess.GetLength(file);
            var start = new byte[ParadoxHeader.CommonHeaderSize];
            int got = ReadFully(file, start, 0);
            return ParadoxHeader.HeaderLength(start.AsSpan(0, got), length, path)
                .Bind(size => ReadBytes(file, size, path))
                .Bind(head => ParadoxHeader.Parse(head, path, options.TextEncoding));
        }
        catch (IOException e)
        {
            return new FileFault("file.unreadable", path, -1, $"cannot read the header: {e.Message}");
        }
    }

    private static Either<FileFault, byte[]> ReadBytes(SafeFileHandle file, int size, string path)
    {
        var head = new byte[size];
        int got = ReadFully(file, head, 0);
        if (got < size)
            return new FileFault("file.truncated", path, got, $"header of {size} bytes ends after {got}");
        return head;
    }

    public IEnumerable<FileRow> Rows(ReadCounts counts, CancellationToken cancel = default)
    {
        var block = new byte[Header.BlockSize];
        var visited = new BitArray(MaxBlockNumber + 1);
        var chain = new ChainPosition(Header.FirstBlock, 0x0E, 0);
        long records = 0;
        while (chain.Block != 0)
        {
            cancel.ThrowIfCancellationRequested();
            var step = ReadBlock(chain, block, visited);
            if (step.Fault is not null) { yield return new FileRow(null, step.Fault); yield break; }
            long blockOffset = BlockOffset(chain.Block);
            for (int r = 0; r < step.Records; r++)
            {
                var row = Decode(block, BlockHeaderSize + r * Header.RecordSize, blockOffset);
                if (row.IsFault) counts.Rejected++; else counts.Read++;
                records++;
                yield return row;
            }
            chain = new ChainPosition(step.Next, blockOffset, chain.Block);
        }
        if (records != Header.RecordCount)
            yield return new FileRow(null, new FileFault("paradox.count.mismatch", Path, 6,
                $"header says {Header.RecordCount} records, the block chain holds {records}"));
    }

    private readonly record struct ChainPosition(int Block, long PointerOffset, int Previous);

    private readonly record struct BlockStep(int Next, int Records, FileFault? Fault);

    private long BlockOffset(int block) => Header.HeaderSize + (long)(block - 1) * Header.BlockSize;

    private BlockStep ReadBlock(ChainPosition at, byte[] block, BitArray visited)
    {
        long offset = BlockOffset(at.Block);
        try
        {
            long length = RandomAccess.GetLength(_file);
            if (offset + BlockHeaderSize > length)
                return Failed("paradox.block.pointer", at.PointerOffset,
                    $"block {at.Block} (at {offset}) lies past the end of the file ({length} bytes)");
            if (visited[at.Block])
                return Failed("paradox.block.cycle", at.PointerOffset,
                    $"block chain returns to block {at.Block} (a cycle)");
            visited[at.Block] = true;
            int got = ReadFully(_file, block, offset);
            return Records(at, block, got, offset);
        }
        catch (IOException e)
        {
            return Failed("file.unreadable", offset, $"cannot read block {at.Block}: {e.Message}");
        }
    }

    private BlockStep Records(ChainPosition at, byte[] block, int got, long offset)
    {
        if (got < BlockHeaderSize)
            return Failed("file.truncated", offset + got, $"block {at.Block} ends inside its header");
        int next = BinaryPrimitives.ReadUInt16LittleEndian(block);
        int lastRecord = BinaryPrimitives.ReadInt16LittleEndian(block.AsSpan(4));
        int size = Header.RecordSize;
        if (lastRecord < 0) return new BlockStep(next, 0, null);
        int records = lastRecord / size + 1;
        if (lastRecord % size != 0 || BlockHeaderSize + records * size > Header.BlockSize)
            return Failed("paradox.block.records", offset + 4,
                $"block {at.Block} says its last record is at {lastRecord}, not a record of {size} bytes in the block");
        if (BlockHeaderSize + records * size > got)
            return Failed("file.truncated", offset + got,
                $"block {at.Block} ends after {got} of {BlockHeaderSize + records * size} bytes");
        return new BlockStep(next, records, null);
    }

    private BlockStep Failed(string code, long offset, string message) =>
        new(0, 0, new FileFault(code, Path, offset, message));

    private FileRow Decode(byte[] block, int start, long blockOffset)
    {
        var fields = Header.Fields;
        var values = new object?[fields.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var field = fields[i];
            var bytes = block.AsSpan(start + field.Offset, field.Length);
            if (!ParadoxValues.TryDecode(field, bytes, Header.TextEncoding, out values[i], out var problem))
                return new FileRow(null, new FileFault("paradox.value", Path, blockOffset + start + field.Offset,
                    $"field {field.Name}: {problem}"));
            if (!field.Kind.Readable && bytes.IndexOfAnyExcept((byte)0) >= 0)
                Interlocked.Increment(ref _blobValuesNotRead);
        }
        return new FileRow(values, null);
    }

    private static int ReadFully(SafeFileHandle file, byte[] buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer.AsSpan(total), offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public void Dispose() => _file.Dispose();
}
