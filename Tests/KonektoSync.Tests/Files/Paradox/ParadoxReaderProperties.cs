using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Paradox;

namespace KonektoSync.Tests.Files.Paradox;

/// <summary>
/// Damaged copies of a valid pxlib-written table (100 rows in 4 blocks): reading them never throws,
/// never hangs, and every fault names the file and an offset inside it.
/// </summary>
public class ParadoxReaderProperties
{
    private const int HeaderSize = 0x800;
    private const int BlockSize = 3072;
    private static readonly Lazy<byte[]> Valid = new(() => File.ReadAllBytes(PxGen.Types(100)));

    /// <summary>Header offsets whose values steer the reader.</summary>
    private static readonly int[] HeaderOffsets =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0A, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x21, 0x22,
        0x25, 0x28, 0x39, 0x5C, 0x6A, 0x6B, .. Enumerable.Range(0x78, 24),
    ];

    private static readonly ushort[] Pointers = [0, 1, 2, 3, 4, 5, 17, 100, 0x7FFF, 0x8000, 0xFFFF];

    private static Gen<(int At, byte Value)> AnyByte =>
        from at in Gen.Choose(0, Valid.Value.Length - 1)
        from value in Gen.Choose(0, 255)
        select (at, (byte)value);

    [Property(MaxTest = 1000)]
    public Property Truncating_the_file_anywhere_yields_values_or_located_faults() =>
        Prop.ForAll(Gen.Choose(0, Valid.Value.Length).ToArbitrary(),
            length => ReadsSafely(Valid.Value.AsSpan(0, length).ToArray()));

    [Property(MaxTest = 1000)]
    public Property Changing_random_bytes_yields_values_or_located_faults() =>
        Prop.ForAll(AnyByte.ListOf().Where(l => l.Count > 0).ToArbitrary(),
            changes => ReadsSafely(Mutate(changes)));

    [Property(MaxTest = 1000)]
    public Property Corrupting_header_fields_yields_values_or_located_faults() =>
        Prop.ForAll(
            (from at in Gen.Elements(HeaderOffsets)
             from value in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(255)), (3, Gen.Choose(0, 255)))
             select (at, (byte)value)).ListOf().Where(l => l.Count > 0).ToArbitrary(),
            changes => ReadsSafely(Mutate(changes)));

    [Property(MaxTest = 1000)]
    public Property Corrupting_block_pointers_yields_values_or_located_faults() =>
        Prop.ForAll(
            (from block in Gen.Choose(0, 3)
             from field in Gen.Elements(0, 2, 4)
             from value in Gen.OneOf(Gen.Elements(Pointers), Gen.Choose(0, 0xFFFF).Select(v => (ushort)v))
             select (HeaderSize + block * BlockSize + field, value)).ListOf().Where(l => l.Count > 0).ToArbitrary(),
            changes =>
            {
                var bytes = Valid.Value.ToArray();
                foreach (var (at, value) in changes) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), value);
                return ReadsSafely(bytes);
            });

    private static byte[] Mutate(IEnumerable<(int At, byte Value)> changes)
    {
        var bytes = Valid.Value.ToArray();
        foreach (var (at, value) in changes) bytes[at] = value;
        return bytes;
    }

    [ThreadStatic] private static string? _scratch;

    private static bool ReadsSafely(byte[] bytes)
    {
        _scratch ??= Path.Combine(Directory.CreateTempSubdirectory("konektosync-pxprop-").FullName, "damaged.db");
        var path = _scratch;
        File.WriteAllBytes(path, bytes);
        return ParadoxTable.Open(path, ParadoxOptions.Default).Match(
            table => { using (table) return RowsAreSafe(table, path, bytes.Length); },
            fault => Located(fault, path, bytes.Length));
    }

    private static bool RowsAreSafe(ParadoxTable table, string path, long length)
    {
        long guard = 0, limit = 65536L * (BlockSize / table.Header.RecordSize + 1) + 1;
        foreach (var row in table.Rows(new ReadCounts()))
        {
            if (++guard > limit) return false;
            if (row.IsFault && !Located(row.Fault!, path, length)) return false;
            if (!row.IsFault && row.Values!.Length != table.Columns.Count) return false;
        }
        return true;
    }

    private static bool Located(FileFault fault, string path, long length) =>
        fault.File == path && fault.Offset >= 0 && fault.Offset <= Math.Max(length, 0x6B)
        && fault.Message.Length > 0 && fault.Code.Length > 0;
}
