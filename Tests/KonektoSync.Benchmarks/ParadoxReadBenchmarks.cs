using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Paradox;

namespace KonektoSync.Benchmarks;

/// <summary>
/// Reading every row of a Paradox table through <see cref="ParadoxTable"/> against reading the
/// file's bytes raw. The tables (about 10 MB and 200 MB) are written once per run into the temp folder.
/// </summary>
[MemoryDiagnoser]
public class ParadoxReadBenchmarks
{
    private string _path = "";

    [Params(10, 200)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void WriteTable()
    {
        _path = Path.Combine(Path.GetTempPath(), $"konektosync-bench-{Megabytes}mb.db");
        if (!File.Exists(_path)) BenchmarkTable.Write(_path, Megabytes * 1024L * 1024);
    }

    [Benchmark(Baseline = true)]
    public long ReadBytesRaw()
    {
        var buffer = new byte[64 * 1024];
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        long total = 0;
        for (int n; (n = file.Read(buffer)) > 0;) total += n;
        return total;
    }

    [Benchmark]
    public long ReadAllRows()
    {
        using var table = ParadoxTable.Open(_path, ParadoxOptions.Default)
            .Match(t => t, fault => throw new InvalidOperationException(fault.ToString()));
        long rows = 0;
        foreach (var row in table.Rows(new ReadCounts()))
            if (!row.IsFault) rows++;
        return rows;
    }
}

/// <summary>
/// A plain Paradox 7 writer for the benchmark: five fields (A20, $, I, D, N), 16 KiB blocks
/// chained in file order, code page 1250.
/// </summary>
internal static class BenchmarkTable
{
    private const int HeaderSize = 0x800, BlockSize = 16 * 1024, RecordSize = 20 + 8 + 4 + 4 + 8;
    private const int PerBlock = (BlockSize - 6) / RecordSize;
    private static readonly (string Name, byte Type, byte Size)[] Fields =
        [("Nazwa", 0x01, 20), ("Kwota", 0x05, 8), ("Ilosc", 0x04, 4), ("Dzien", 0x02, 4), ("Stawka", 0x06, 8)];

    public static void Write(string path, long approximateBytes)
    {
        int blocks = (int)Math.Min(ushort.MaxValue, approximateBytes / BlockSize);
        long records = (long)blocks * PerBlock;
        using var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write);
        file.Write(Header(blocks, records));
        var block = new byte[BlockSize];
        for (int b = 1; b <= blocks; b++)
        {
            Array.Clear(block);
            BinaryPrimitives.WriteUInt16LittleEndian(block, (ushort)(b == blocks ? 0 : b + 1));
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(2), (ushort)(b - 1));
            BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(4), (short)((PerBlock - 1) * RecordSize));
            for (int r = 0; r < PerBlock; r++) Record(block.AsSpan(6 + r * RecordSize, RecordSize), (long)(b - 1) * PerBlock + r);
            file.Write(block);
        }
        file.Close();
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static byte[] Header(int blocks, long records)
    {
        var h = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt16LittleEndian(h, RecordSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), HeaderSize);
        h[4] = 2;
        h[5] = BlockSize / 1024;
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(6), (int)records);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0x0A), (ushort)blocks);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0x0C), (ushort)blocks);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0x0E), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0x10), (ushort)blocks);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0x21), (ushort)Fields.Length);
        h[0x39] = 12;
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0x6A), 1250);
        int at = 0x78;
        foreach (var field in Fields) { h[at++] = field.Type; h[at++] = field.Size; }
        at += 4 + Fields.Length * 4;
        Encoding.ASCII.GetBytes("bench").CopyTo(h, at);
        at += 261;
        foreach (var field in Fields) at += Encoding.ASCII.GetBytes(field.Name, h.AsSpan(at)) + 1;
        return h;
    }

    private static void Record(Span<byte> record, long i)
    {
        Encoding.ASCII.GetBytes($"kontrahent {i % 100000}", record[..20]);
        Number(record.Slice(20, 8), (i % 1000000) / 100.0);
        BinaryPrimitives.WriteUInt32BigEndian(record.Slice(28, 4), (uint)(i % 1000) ^ 0x8000_0000);
        BinaryPrimitives.WriteUInt32BigEndian(record.Slice(32, 4), (uint)(730000 + i % 10000) ^ 0x8000_0000);
        Number(record.Slice(36, 8), -(i % 23) / 100.0);
    }

    private static void Number(Span<byte> bytes, double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        if (value >= 0) bytes[0] |= 0x80;
        else for (int k = 0; k < 8; k++) bytes[k] = (byte)~bytes[k];
    }
}
