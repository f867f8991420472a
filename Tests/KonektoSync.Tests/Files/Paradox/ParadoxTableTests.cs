using System.Buffers.Binary;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Paradox;

namespace KonektoSync.Tests.Files.Paradox;

public class ParadoxTableTests
{
    private const int Rows = 500; // 30 records of 100 bytes per 3 KiB block: 17 blocks

    private static ParadoxTable Open(string path, ParadoxOptions? options = null) =>
        ParadoxTable.Open(path, options ?? ParadoxOptions.Default)
            .Match(table => table, fault => throw new Xunit.Sdk.XunitException(fault.ToString()));

    private static FileFault OpenFault(string path, ParadoxOptions? options = null) =>
        ParadoxTable.Open(path, options ?? ParadoxOptions.Default)
            .Match(table => { table.Dispose(); throw new Xunit.Sdk.XunitException("opened"); }, fault => fault);

    private static void Patch(string path, long offset, params byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        file.Write(bytes);
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }

    [Fact]
    public void Every_value_pxlib_wrote_over_several_blocks_reads_back_exactly()
    {
        using var table = Open(PxGen.Types(Rows));
        var counts = new ReadCounts();

        var rows = table.Rows(counts).ToList();

        Assert.Equal(Rows, rows.Count);
        for (int i = 0; i < Rows; i++)
            Assert.Equal(ParadoxOracle.Row(i), rows[i].Values);
        Assert.Equal((Rows, 0L, 0L), (counts.Read, counts.Deleted, counts.Rejected));
        Assert.Equal(17, table.Header.FileBlocks);
    }

    [Fact]
    public void Columns_carry_the_names_types_and_sizes_of_the_header()
    {
        using var table = Open(PxGen.Types(Rows));

        var columns = table.Columns.Select(c => (c.Name, c.TypeCode, c.Length, c.Decimals)).ToArray();

        Assert.Equal(
            new[]
            {
                ("Name", "A", 20, 0), ("Small", "S", 2, 0), ("Big", "I", 4, 0), ("Ratio", "N", 8, 0),
                ("Amount", "$", 8, 0), ("Day", "D", 4, 0), ("Flag", "L", 1, 0), ("Stamp", "@", 8, 0),
                ("Id", "+", 4, 0), ("Clock", "T", 4, 0), ("Exact", "#", 17, 2), ("Note", "M", 20, 0),
            },
            columns);
        Assert.Equal("paradox", table.Format);
        Assert.Equal("oracle", table.Header.TableName);
    }

    [Fact]
    public void A_memo_field_is_reported_as_not_read_and_counted()
    {
        using var table = Open(PxGen.Types(Rows));

        var notes = table.Rows(new ReadCounts()).Select(r => r.Values![11]).ToList();

        Assert.Equal("memo (not read)", table.Columns[11].TypeName);
        Assert.All(notes, Assert.Null);
        Assert.Equal(Rows, table.BlobValuesNotRead);
    }

    [Theory]
    [InlineData(852)]
    [InlineData(1250)]
    public void Polish_text_is_decoded_with_the_code_page_of_the_header(int codePage)
    {
        using var table = Open(PxGen.Text(codePage));

        var names = table.Rows(new ReadCounts()).Select(r => r.Values![0]).ToArray();

        Assert.Equal(new object[] { "Łódź", "Zażółć gęślą jaźń", "ĄĆĘŁŃÓŚŹŻ" }, names);
        Assert.Equal(codePage, table.Encoding.CodePage);
        Assert.Equal("header code page at 0x6A", table.Encoding.How);
    }

    [Fact]
    public void An_encoding_override_replaces_the_code_page_of_the_header()
    {
        using var table = FileDump.OpenParadox(PxGen.Text(852), "1250")
            .Match(t => t, fault => throw new Xunit.Sdk.XunitException(fault.ToString()));

        var first = table.Rows(new ReadCounts()).First().Values![0];

        Assert.Equal("ť˘d«", first);
        Assert.Equal((1250, "set by the user (header says 852)"), (table.Encoding.CodePage, table.Encoding.How));
    }

    [Fact]
    public void An_unknown_code_page_in_the_header_is_a_fault_at_0x6A_unless_overridden()
    {
        var path = PxGen.Copy(PxGen.Text(852), "codepage.db");
        Patch(path, 0x6A, U16(9999));

        var fault = OpenFault(path);
        using var overridden = Open(path, ParadoxOptions.WithEncoding(path, "852").Match(o => o, f => throw new Exception(f.ToString())));

        Assert.Equal(("paradox.codepage", path, 0x6AL), (fault.Code, fault.File, fault.Offset));
        Assert.Equal("Łódź", overridden.Rows(new ReadCounts()).First().Values![0]);
    }

    [Fact]
    public void An_unknown_encoding_name_is_a_fault_naming_the_file()
    {
        var fault = FileDump.OpenParadox(PxGen.Text(852), "klingon").Match(_ => null!, f => f);

        Assert.Equal(("file.encoding", PxGen.Text(852)), (fault.Code, fault.File));
    }

    [Fact]
    public void A_block_chain_that_loops_back_is_a_fault_after_the_rows_before_it()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "cycle.db");
        const long block3 = 0x800 + 2 * 3072;
        Patch(path, block3, U16(2));
        using var table = Open(path);
        var counts = new ReadCounts();

        var rows = table.Rows(counts).ToList();

        Assert.Equal(90, counts.Read);
        Assert.Equal(("paradox.block.cycle", block3), (rows[^1].Fault!.Code, rows[^1].Fault!.Offset));
        Assert.Equal(91, rows.Count);
    }

    [Fact]
    public void A_next_block_pointer_past_the_end_is_a_fault_naming_the_pointer()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "pointer.db");
        Patch(path, 0x800, U16(40000));
        using var table = Open(path);

        var last = table.Rows(new ReadCounts()).Last();

        Assert.Equal(("paradox.block.pointer", path, 0x800L), (last.Fault!.Code, last.Fault.File, last.Fault.Offset));
    }

    [Fact]
    public void A_record_count_that_differs_from_the_blocks_is_a_fault_at_offset_6()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "count.db");
        Patch(path, 6, 0x10, 0x27, 0, 0);
        using var table = Open(path);

        var rows = table.Rows(new ReadCounts()).ToList();

        Assert.Equal(Rows, rows.Count(r => !r.IsFault));
        Assert.Equal(("paradox.count.mismatch", 6L), (rows[^1].Fault!.Code, rows[^1].Fault!.Offset));
    }

    [Fact]
    public void A_truncated_file_yields_the_rows_it_holds_then_a_fault_at_the_end()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "short.db");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write)) file.SetLength(0x800 + 3072 + 1000);
        using var table = Open(path);
        var counts = new ReadCounts();

        var rows = table.Rows(counts).ToList();

        Assert.Equal(30, counts.Read);
        Assert.Equal(("file.truncated", 0x800L + 3072 + 1000), (rows[^1].Fault!.Code, rows[^1].Fault!.Offset));
    }

    [Fact]
    public void A_file_shorter_than_a_header_is_a_truncated_fault()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "tiny.db");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write)) file.SetLength(40);

        var fault = OpenFault(path);

        Assert.Equal(("file.truncated", 40L), (fault.Code, fault.Offset));
    }

    [Fact]
    public void An_unknown_field_type_is_a_fault_at_its_field_info()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "type.db");
        Patch(path, 0x78 + 2 * 3, 0x42);

        var fault = OpenFault(path);

        Assert.Equal(("paradox.field.type", 0x78L + 6), (fault.Code, fault.Offset));
    }

    [Fact]
    public void A_record_size_that_differs_from_the_fields_is_a_fault_at_offset_0()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "size.db");
        Patch(path, 0, U16(99));

        var fault = OpenFault(path);

        Assert.Equal(("paradox.header.recordsize", 0L), (fault.Code, fault.Offset));
    }

    [Fact]
    public void A_field_count_larger_than_the_header_is_a_fault_at_0x21()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "fields.db");
        Patch(path, 0x21, U16(5000));

        var fault = OpenFault(path);

        Assert.Equal(("paradox.header.fieldcount", 0x21L), (fault.Code, fault.Offset));
    }

    [Fact]
    public void A_missing_file_is_a_fault_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-table.db");

        var fault = OpenFault(path);

        Assert.Equal(("file.missing", path), (fault.Code, fault.File));
    }

    [Fact]
    public void An_open_table_lets_others_write_and_delete_the_file()
    {
        var path = PxGen.Copy(PxGen.Types(Rows), "shared.db");
        using var table = Open(path);

        using (var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            writer.WriteByte(writer.ReadByte() is var b ? (byte)b : (byte)0);
        File.Delete(path);

        Assert.False(File.Exists(path));
    }
}
