using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Benchmarks;

/// <summary>
/// Reading every row of a DBF through <see cref="DbfTable"/>, and writing it as CSV as
/// <c>files dump</c> does, against reading the same file's bytes raw (the limit). Files of 10 MB
/// and 200 MB are generated once in a temp folder.
/// </summary>
[MemoryDiagnoser]
public class DbfReadBenchmarks
{
    public const int NameLength = 30, AmountLength = 12, DateLength = 8, RecordLength = 1 + NameLength + AmountLength + DateLength + 1;

    private string _dir = "";
    private string _path = "";

    [Params(10, 200)]
    public int SizeMb { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        _dir = Directory.CreateTempSubdirectory("konektosync-dbfbench-").FullName;
        _path = Path.Combine(_dir, $"bench{SizeMb}.dbf");
        Write(_path, SizeMb * 1024L * 1024 / RecordLength);
    }

    [GlobalCleanup]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true)]
    public long RawBytes()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long total = 0;
        int got;
        while ((got = stream.Read(buffer, 0, buffer.Length)) > 0) total += got;
        return total;
    }

    [Benchmark]
    public long DbfTableRows()
    {
        using var table = DbfTable.Open(_path).Match(t => t, f => throw new InvalidOperationException(f.ToString()));
        var counts = new ReadCounts();
        foreach (var _ in table.Rows(counts)) { }
        return counts.Read;
    }

    [Benchmark]
    public long DumpCsv() => Dump(_path).Read;

    /// <summary>What <c>files dump</c> does after parsing its arguments: the table as CSV, UTF-8, to a null stream.</summary>
    public static ReadCounts Dump(string path)
    {
        using var table = FileDump.Open(path, EncodingOption.Auto).Match(t => t, f => throw new InvalidOperationException(f.ToString()));
        using var output = new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 16);
        return FileDump.WriteCsv(table, output, limit: null);
    }

    /// <summary>A dBase III table of <paramref name="records"/> records (CP852 names, amounts, dates, logicals).</summary>
    public static void Write(string path, long records)
    {
        var cp852 = TextEncodings.Get(852);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var header = new byte[32 + 4 * 32 + 1];
        header[0] = 0x03;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)records);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)header.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), RecordLength);
        header[29] = 0x64;
        (string Name, char Type, int Length, int Decimals)[] fields =
            [("NAME", 'C', NameLength, 0), ("AMOUNT", 'N', AmountLength, 2), ("BORN", 'D', DateLength, 0), ("PAID", 'L', 1, 0)];
        for (var i = 0; i < fields.Length; i++)
        {
            var d = header.AsSpan(32 + 32 * i, 32);
            Encoding.ASCII.GetBytes(fields[i].Name).CopyTo(d);
            d[11] = (byte)fields[i].Type;
            d[16] = (byte)fields[i].Length;
            d[17] = (byte)fields[i].Decimals;
        }
        header[^1] = 0x0D;
        file.Write(header);
        var record = new byte[RecordLength];
        for (long r = 0; r < records; r++)
        {
            record.AsSpan().Fill((byte)' ');
            cp852.GetBytes($"Zażółć gęślą jaźń {r % 1000}").CopyTo(record.AsSpan(1));
            Encoding.ASCII.GetBytes((r % 100000 / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).PadLeft(AmountLength))
                .CopyTo(record.AsSpan(1 + NameLength));
            Encoding.ASCII.GetBytes($"2024{1 + r % 12:00}{1 + r % 28:00}").CopyTo(record.AsSpan(1 + NameLength + AmountLength));
            record[^1] = (byte)(r % 2 == 0 ? 'T' : 'F');
            file.Write(record);
        }
        file.WriteByte(0x1A);
    }
}
