using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

/// <summary>
/// Valid tables, mutated: truncated, bytes flipped, header fields (record count, header length,
/// record length, field descriptors) set to hostile values. Reading must never throw, never run
/// past what the file can hold, and every fault must name a file and an offset.
/// </summary>
public sealed class DbfReaderProperties : IDisposable
{
    public sealed record Mutation(int Kind, int Position, int Value);

    public sealed record Case(int Base, Mutation[] Mutations)
    {
        public override string ToString() => $"base {Base}: " + string.Join("; ", Mutations.Select(m => m.ToString()));
    }

    private static readonly Encoding Cp852 = TextEncodings.Get(852);
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-dbfprop-").FullName;

    internal static readonly (string Ext, byte[] Table, byte[] Memo)[] Bases = [DbaseIII(), VisualFoxPro(), NoMemo()];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string, byte[], byte[]) DbaseIII()
    {
        var table = new DbfBytes(Cp852) { Version = 0x83, LanguageDriver = 0x00 }
            .Field("NAME", 'C', 12).Field("AMOUNT", 'N', 9, 2).Field("BORN", 'D', 8).Field("PAID", 'L', 1).Field("NOTE", 'M', 10)
            .Record("Łódź", "12.50", "20240131", "T", "1").Record(true, "usunięty", "1", "", "F", "")
            .Record("Gdańsk", "-3.25", "", "?", "2").Build();
        var memo = DbfBytes.DbaseIIIMemo(Cp852.GetBytes("Zażółć gęślą jaźń"), Cp852.GetBytes(new string('ż', 600)));
        return (".dbt", table, memo);
    }

    private static (string, byte[], byte[]) VisualFoxPro()
    {
        static byte[] Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }
        static byte[] Long(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); return b; }
        var builder = new DbfBytes(Cp852) { Version = 0x30, LanguageDriver = 0xC8 }
            .Field("NAME", 'C', 10).Field("CNT", 'I', 4).Field("MONEY", 'Y', 8).Field("STAMP", 'T', 8)
            .Field("DBL", 'B', 8).Field("NOTE", 'M', 4);
        byte[] Name(string s) => Encoding.Latin1.GetBytes(s.PadRight(10));
        builder.RecordOf(false, Name("a"), Int(-7), Long(123456), Int(2460437).Concat(Int(25689000)).ToArray(),
            BitConverter.GetBytes(2.5), Int(1));
        builder.RecordOf(false, Name("b"), Int(8), Long(-1), new byte[8], BitConverter.GetBytes(-1e-3), Int(0));
        var memo = DbfBytes.FoxProMemo(64, Encoding.Latin1.GetBytes("memo text"));
        return (".fpt", builder.Build(), memo);
    }

    private static (string, byte[], byte[]) NoMemo()
    {
        var table = new DbfBytes(Cp852) { LanguageDriver = 0x64 }.Field("NAME", 'C', 5).Field("N", 'N', 3)
            .Record("ab", "1").Record("cd", "2").Record(true, "ef", "3").Record("gh", "4").Build();
        return (".dbt", table, []);
    }

    private static Gen<Mutation> MutationGen =>
        from kind in Gen.Choose(0, 7)
        from position in Gen.Choose(0, 1 << 12)
        from value in Gen.OneOf(Gen.Choose(0, 255), Gen.Choose(0, 70_000), Gen.Elements(0, 1, 2, 31, 32, 33, 0xFFFF, int.MaxValue, -1))
        select new Mutation(kind, position, value);

    internal static Gen<Case> CaseGen =>
        from b in Gen.Choose(0, Bases.Length - 1)
        from n in Gen.Choose(1, 4)
        from ms in MutationGen.ArrayOf(n)
        select new Case(b, ms);

    internal static byte[] Apply(byte[] original, IEnumerable<Mutation> mutations)
    {
        var bytes = original.ToArray();
        foreach (var m in mutations)
        {
            if (bytes.Length == 0) break;
            var at = m.Position % bytes.Length;
            switch (m.Kind)
            {
                case 0: bytes = bytes[..at]; break;                                           // truncate
                case 1: case 2: bytes[at] = (byte)m.Value; break;                             // flip a byte
                case 3: if (bytes.Length >= 8) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), m.Value); break;
                case 4: if (bytes.Length >= 10) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)m.Value); break;
                case 5: if (bytes.Length >= 12) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), (ushort)m.Value); break;
                case 6: if (bytes.Length > 32) bytes[32 + at % Math.Min(bytes.Length - 32, 256)] = 0x0D; break; // field list end
                default:                                                                      // a field's length byte
                    var lengthByte = 32 + 32 * (at % 6) + 16;
                    if (lengthByte < bytes.Length) bytes[lengthByte] = (byte)m.Value;
                    break;
            }
        }
        return bytes;
    }

    private bool ReadsSafely(string name, byte[] table, byte[] memo, string memoExt)
    {
        var path = Path.Combine(_dir, name + ".dbf");
        var memoPath = Path.Combine(_dir, name + memoExt);
        File.WriteAllBytes(path, table);
        if (memo.Length > 0) File.WriteAllBytes(memoPath, memo);
        bool Named(FileFault f) => (f.File == path || f.File == memoPath) && f.Offset >= 0 && f.Message.Length > 0;
        return DbfTable.Open(path).Match(
            Left: Named,
            Right: t =>
            {
                using (t)
                {
                    var counts = new ReadCounts();
                    long rows = 0;
                    foreach (var row in t.Rows(counts))
                    {
                        if (++rows > table.Length) return false; // never more rows than bytes
                        if (row.Fault is { } f && !Named(f)) return false;
                    }
                    return t.Notes.All(Named) && counts.Read + counts.Rejected == rows;
                }
            });
    }

    [Property(MaxTest = 3000)]
    public Property A_mutated_table_never_throws_and_every_fault_names_the_file_and_an_offset() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var (ext, table, memo) = Bases[c.Base];
            return ReadsSafely("t", Apply(table, c.Mutations), memo, ext);
        });

    [Property(MaxTest = 1500)]
    public Property A_mutated_memo_file_never_throws_and_every_fault_names_a_file_and_an_offset() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var (ext, table, memo) = Bases[c.Base % 2];
            return ReadsSafely("m", table, Apply(memo, c.Mutations.Where(m => m.Kind is 0 or 1 or 2)), ext);
        });

    [Property(MaxTest = 500)]
    public Property A_table_cut_at_any_length_never_throws() =>
        Prop.ForAll(Gen.Choose(0, Bases.Length - 1).SelectMany(b => Gen.Choose(0, Bases[b].Table.Length).Select(n => (b, n))).ToArbitrary(),
            x => ReadsSafely("c", Bases[x.b].Table[..x.n], Bases[x.b].Memo, Bases[x.b].Ext));
}
