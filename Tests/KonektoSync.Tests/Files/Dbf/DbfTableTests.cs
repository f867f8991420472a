using System.Text;
using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

public sealed class DbfTableTests : IDisposable
{
    private const string AllPolishLetters = "ĄĆĘŁŃÓŚŹŻąćęłńóśźż";
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-dbf-").FullName;
    private static readonly Encoding Cp852 = TextEncodings.Get(852);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DbfBytes NameAndAmount(Encoding encoding, byte languageDriver = 0, long? declared = null) =>
        new DbfBytes(encoding) { LanguageDriver = languageDriver, DeclaredRecords = declared }
            .Field("NAME", 'C', 20).Field("AMOUNT", 'N', 8, 2);

    [Fact]
    public void A_Mazovia_table_with_language_driver_0x69_reads_all_eighteen_Polish_letters()
    {
        var path = NameAndAmount(MazoviaEncoding.Instance, 0x69).Record(AllPolishLetters, "1.00").WriteTo(_dir, "maz.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var row = DbfRead.All(table).Rows.Single();

        Assert.Equal(AllPolishLetters, table.Column(row, "NAME"));
        Assert.Equal(("Mazovia", 620, "language driver 0x69"), (table.Encoding.Name, table.Encoding.CodePage, table.Encoding.How));
    }

    [Fact]
    public void The_heuristic_recognises_Mazovia_text_without_a_language_driver()
    {
        var path = NameAndAmount(MazoviaEncoding.Instance)
            .Record("Zażółć gęślą jaźń", "1").Record("Łódź, Świętokrzyska", "2").WriteTo(_dir, "maz0.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var names = DbfRead.All(table).Rows.Select(r => table.Column(r, "NAME")).ToArray();

        Assert.Equal(["Zażółć gęślą jaźń", "Łódź, Świętokrzyska"], names);
        Assert.Equal("heuristic: 14 Polish letters read as Mazovia (language driver 0x00)", table.Encoding.How);
    }

    [Fact]
    public void Text_without_Polish_letters_is_read_as_CP852_and_the_choice_says_why()
    {
        var path = NameAndAmount(Encoding.ASCII).Record("Kowalski", "1").WriteTo(_dir, "ascii.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var choice = table.Encoding;

        Assert.Equal((852, "heuristic: no Polish letters found, CP852 assumed (language driver 0x00)"), (choice.CodePage, choice.How));
    }

    [Fact]
    public void A_header_claiming_more_records_than_the_file_holds_reads_what_is_there_and_notes_it()
    {
        var builder = NameAndAmount(Cp852, 0x64, declared: 1000).Record("a", "1").Record("b", "2");
        var path = builder.WriteTo(_dir, "lying.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal(["a", "b"], rows.Select(r => table.Column(r, "NAME")));
        Assert.Equal((2L, 0L), (counts.Read, counts.Rejected));
        var note = Assert.Single(table.Notes);
        Assert.Equal(("dbf.records-missing", path, (long)builder.HeaderLength + 2 * builder.RecordLength), (note.Code, note.File, note.Offset));
    }

    [Fact]
    public void A_partly_written_last_record_is_not_read_and_is_not_an_error()
    {
        var builder = NameAndAmount(Cp852, 0x64, declared: 3).Record("a", "1").Record("b", "2");
        var bytes = builder.Build()[..^1].Concat(" half"u8.ToArray()).ToArray();
        var path = Path.Combine(_dir, "appending.dbf");
        File.WriteAllBytes(path, bytes);
        using var table = DbfRead.OpenOrFail(path);

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal(2, rows.Count);
        Assert.Equal((2L, 0L, 2L), (counts.Read, counts.Rejected, table.RecordCount));
    }

    [Fact]
    public void Records_appended_after_open_are_not_read_and_the_file_stays_writable_for_its_program()
    {
        var path = NameAndAmount(Cp852, 0x64).Record("a", "1").Record("b", "2").WriteTo(_dir, "live.dbf");
        using var program = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var table = DbfRead.OpenOrFail(path);
        var counts = new ReadCounts();

        using var rows = table.Rows(counts).GetEnumerator();
        rows.MoveNext();
        program.Seek(-1, SeekOrigin.End);
        program.Write(NameAndAmount(Cp852).Record("c", "3").Build()[^(1 + 29)..]);
        program.Flush();
        var rest = 0;
        while (rows.MoveNext()) rest++;

        Assert.Equal((1, 2L), (rest, counts.Read));
    }

    [Fact]
    public void An_end_marker_in_place_of_a_record_ends_the_table()
    {
        var bytes = NameAndAmount(Cp852, 0x64).Record("a", "1").Record("b", "2").Record("c", "3").Build();
        var second = 32 + 2 * 32 + 1 + 29;
        bytes[second] = 0x1A;
        var path = Path.Combine(_dir, "eof.dbf");
        File.WriteAllBytes(path, bytes);
        using var table = DbfRead.OpenOrFail(path);

        var rows = DbfRead.All(table).Rows;

        Assert.Equal(["a"], rows.Select(r => table.Column(r, "NAME")));
    }

    [Fact]
    public void A_value_that_does_not_decode_rejects_its_row_with_the_offset_and_the_rest_is_read()
    {
        var builder = NameAndAmount(Cp852, 0x64).Record("a", "1").Record("b", "12x4").Record("c", "3");
        var path = builder.WriteTo(_dir, "badnum.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal((2L, 1L), (counts.Read, counts.Rejected));
        var fault = rows[1].Fault!;
        Assert.Equal(("dbf.numeric", path, (long)builder.HeaderLength + builder.RecordLength + 21), (fault.Code, fault.File, fault.Offset));
    }

    [Fact]
    public void Deleted_records_are_skipped_and_counted()
    {
        var path = NameAndAmount(Cp852, 0x64).Record("a", "1").Record(true, "b", "2").Record(true, "c", "3")
            .WriteTo(_dir, "deleted.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal((1, 1L, 2L), (rows.Count, counts.Read, counts.Deleted));
    }

    [Fact]
    public void An_unknown_field_type_is_a_fault_at_the_type_byte()
    {
        var path = new DbfBytes(Cp852).Field("NAME", 'C', 5).Field("ODD", 'X', 3).Record("a", "b").WriteTo(_dir, "x.dbf");

        var fault = DbfRead.FaultOrFail(path);

        Assert.Equal(("dbf.field-type", path, 64L + 11), (fault.Code, fault.File, fault.Offset));
    }

    [Fact]
    public void A_field_reaching_past_the_record_length_is_a_fault()
    {
        var bytes = NameAndAmount(Cp852).Record("a", "1").Build();
        bytes[10] = 20; // record length 20 < 1 + 20 + 8
        bytes[11] = 0;
        var path = Path.Combine(_dir, "short.dbf");
        File.WriteAllBytes(path, bytes);

        var fault = DbfRead.FaultOrFail(path);

        Assert.Equal(("dbf.field-beyond-record", path, 32L + 16), (fault.Code, fault.File, fault.Offset));
    }

    [Fact]
    public void A_file_cut_inside_the_header_is_a_fault_naming_the_file()
    {
        var path = Path.Combine(_dir, "cut.dbf");
        File.WriteAllBytes(path, NameAndAmount(Cp852).Build()[..50]);

        var fault = DbfRead.FaultOrFail(path);

        Assert.Equal(("dbf.truncated", path, 50L), (fault.Code, fault.File, fault.Offset));
    }

    [Fact]
    public void A_dBase_III_memo_is_read_up_to_its_end_marker()
    {
        var builder = new DbfBytes(Cp852) { Version = 0x83, LanguageDriver = 0x64 }.Field("NOTE", 'M', 10)
            .Record("1").Record("2").Record("");
        builder.WriteTo(_dir, "memo3.dbf");
        File.WriteAllBytes(Path.Combine(_dir, "memo3.dbt"),
            DbfBytes.DbaseIIIMemo(Cp852.GetBytes("Żółta łódź"), Cp852.GetBytes(new string('ś', 700))));
        using var table = DbfRead.OpenOrFail(Path.Combine(_dir, "memo3.dbf"));

        var values = DbfRead.All(table).Rows.Select(r => table.Column(r, "NOTE")).ToArray();

        Assert.Equal(["Żółta łódź", new string('ś', 700), null], values);
    }

    [Fact]
    public void A_dBase_IV_memo_is_read_by_its_block_header_length()
    {
        new DbfBytes(Cp852) { Version = 0x8B, LanguageDriver = 0x23 }.Field("NOTE", 'M', 10)
            .Record("1").Record("2").WriteTo(_dir, "memo4.dbf");
        File.WriteAllBytes(Path.Combine(_dir, "memo4.dbt"),
            DbfBytes.DbaseIVMemo(64, Cp852.GetBytes("krótki"), Cp852.GetBytes("drugi\u001Az bajtem 1A")));
        using var table = DbfRead.OpenOrFail(Path.Combine(_dir, "memo4.dbf"));

        var values = DbfRead.All(table).Rows.Select(r => table.Column(r, "NOTE")).ToArray();

        Assert.Equal(["krótki", "drugi\u001Az bajtem 1A"], values);
    }

    [Fact]
    public void A_memo_pointer_beyond_the_memo_file_rejects_the_row_with_a_fault()
    {
        new DbfBytes(Cp852) { Version = 0x83, LanguageDriver = 0x64 }.Field("NOTE", 'M', 10)
            .Record("1").Record("999").WriteTo(_dir, "memobad.dbf");
        var memo = Path.Combine(_dir, "memobad.dbt");
        File.WriteAllBytes(memo, DbfBytes.DbaseIIIMemo("ok"u8.ToArray()));
        using var table = DbfRead.OpenOrFail(Path.Combine(_dir, "memobad.dbf"));

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal((1L, 1L), (counts.Read, counts.Rejected));
        Assert.Equal(("dbf.memo-pointer", memo, 999L * 512), (rows[1].Fault!.Code, rows[1].Fault!.File, rows[1].Fault!.Offset));
    }

    [Fact]
    public void A_Clipper_character_field_longer_than_255_bytes_uses_the_decimals_byte()
    {
        var text = new string('ą', 300);
        var path = new DbfBytes(Cp852) { LanguageDriver = 0x64 }.Field("LONG", 'C', 300)
            .Record(text).WriteTo(_dir, "long.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var row = DbfRead.All(table).Rows.Single();

        Assert.Equal((text, 300), (table.Column(row, "LONG"), table.Columns[0].Length));
    }

    private static DbfBytes Numbered(int records)
    {
        var builder = NameAndAmount(Cp852, 0x64);
        for (var i = 0; i < records; i++) builder.Record($"firma {i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }

    [Fact]
    public void A_table_of_several_read_blocks_gives_every_record_once_in_file_order()
    {
        // 29-byte records: 100,000 of them fill three 1 MB blocks, the last in part
        var path = Numbered(100_000).WriteTo(_dir, "big.dbf");
        using var table = DbfRead.OpenOrFail(path);

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (object)(decimal)i), rows.Select(r => table.Column(r, "AMOUNT")));
        Assert.Equal("firma 99999", table.Column(rows[^1], "NAME"));
        Assert.Equal((100_000L, 0L, 0L), (counts.Read, counts.Deleted, counts.Rejected));
    }

    [Fact]
    public void A_table_shortened_while_it_is_read_ends_with_a_fault_where_the_file_now_ends()
    {
        var builder = Numbered(100_000);
        var path = builder.WriteTo(_dir, "shrinking.dbf");
        using var table = DbfRead.OpenOrFail(path);
        var counts = new ReadCounts();
        var rows = new List<FileRow>();
        var end = (long)builder.HeaderLength + 50_000L * builder.RecordLength + 10;

        foreach (var row in table.Rows(counts))
        {
            if (rows.Count == 0)
                using (var other = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                    other.SetLength(end);
            rows.Add(row);
        }

        var lost = rows[^1].Fault ?? throw new Xunit.Sdk.XunitException("the last row is not a fault");
        Assert.Equal(("dbf.truncated", end), (lost.Code, lost.Offset));
        Assert.Equal((50_000L, 1L), (counts.Read, counts.Rejected));
        Assert.Equal(49_999m, table.Column(rows[^2], "AMOUNT"));
    }
}
