using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Paradox;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Tests.Files.Paradox;

/// <summary>
/// Tables written by <see cref="ParadoxWriter"/> read back by pxlib (oracle/pxdump.c, an independent
/// implementation) and by our reader with the values that were written.
/// </summary>
public class ParadoxWriterTests
{
    private const int Rows = 300; // 2 KiB blocks of 36 records of 56 bytes: 9 blocks

    internal static string Folder() => Directory.CreateTempSubdirectory("konektosync-pxw-").FullName;

    private static ParadoxWriter Types(int codePage) => new ParadoxWriter(codePage)
        .Field("Nazwa", ParadoxFieldKind.Alpha, 30)
        .Field("Kwota", ParadoxFieldKind.Currency)
        .Field("Wskaznik", ParadoxFieldKind.Number)
        .Field("Data", ParadoxFieldKind.Date)
        .Field("Mies", ParadoxFieldKind.Short)
        .Field("Nr", ParadoxFieldKind.Long)
        .Field("Zaplacone", ParadoxFieldKind.Logical);

    private static readonly string[] Words = ["Łódź", "Zażółć gęślą jaźń", "ĄĆĘŁŃÓŚŹŻ", "Księga Podatkowa", "Płace"];

    internal static object?[] Row(int i) => i % 10 == 9
        ? [null, null, null, null, null, i + 1, null]
        : [$"{Words[i % Words.Length]} {i}", (i * 137 - 5000) / 100m, i * 0.125 - 7.5, new DateOnly(2020 + i % 6, 1 + i % 12, 1 + i % 28),
            (i % 2 == 0 ? 1 : -1) * (i % 1000), i * 7919 - 1_000_000, i % 3 == 0];

    private static (string Path, ParadoxWriter Writer) Written(int codePage, int rows)
    {
        var writer = Types(codePage);
        for (var i = 0; i < rows; i++) writer.Record(Row(i));
        return (writer.WriteTo(Path.Combine(Folder(), "Ksiega.db")), writer);
    }

    private static List<object?[]> ReadOurs(string path)
    {
        using var table = ParadoxTable.Open(path, ParadoxOptions.Default).Match(t => t, f => throw new Xunit.Sdk.XunitException(f.ToString()));
        var rows = table.Rows(new ReadCounts()).ToList();
        Assert.All(rows, r => Assert.Null(r.Fault));
        return rows.Select(r => r.Values!).ToList();
    }

    [Fact]
    public void Pxlib_reads_every_value_of_every_type_written_over_several_blocks()
    {
        var (path, _) = Written(1250, Rows);
        var cp1250 = SampleEncodings.Get(1250);

        var dump = PxGen.Dump(path);

        Assert.Equal(("Ksiega.db", Rows, 1250), (dump.TableName, dump.Records, dump.CodePage));
        Assert.Equal(
            new[] { ("Nazwa", "A", 30), ("Kwota", "$", 8), ("Wskaznik", "N", 8), ("Data", "D", 4), ("Mies", "S", 2), ("Nr", "I", 4), ("Zaplacone", "L", 1) },
            dump.Fields);
        for (var i = 0; i < Rows; i++)
            Assert.Equal(Row(i), Enumerable.Range(0, 7).Select(f => dump.Value(i, f, cp1250)).ToArray());
    }

    [Fact]
    public void Our_reader_reads_back_every_value_with_the_header_code_page()
    {
        var (path, _) = Written(1250, Rows);

        var rows = ReadOurs(path);

        Assert.Equal(Enumerable.Range(0, Rows).Select(Row).ToList(), rows);
        using var table = ParadoxTable.Open(path, ParadoxOptions.Default).Match(t => t, f => throw new Xunit.Sdk.XunitException(f.ToString()));
        Assert.Equal((1250, "header code page at 0x6A", 12, 9), (table.Encoding.CodePage, table.Encoding.How, table.Header.FileVersionId, table.Header.FileBlocks));
    }

    [Theory]
    [InlineData(1250)]
    [InlineData(852)]
    public void Polish_letters_are_stored_as_bytes_of_the_code_page(int codePage)
    {
        var path = new ParadoxWriter(codePage).Field("Miasto", ParadoxFieldKind.Alpha, 40).Record("Łódź")
            .WriteTo(Path.Combine(Folder(), "Miasta.db"));

        var dump = PxGen.Dump(path);

        // Ł ó d ź: CP1250 A3 F3 64 9F, CP852 9D A2 64 AB
        Assert.Equal(codePage == 1250 ? "a3f3649f" : "9da264ab", dump.Rows[0][0]);
        Assert.Equal(codePage, dump.CodePage);
        Assert.Equal("Łódź", ReadOurs(path)[0][0]);
    }

    [Fact]
    public void An_empty_table_has_no_blocks_and_reads_as_no_rows_in_both_readers()
    {
        var path = Types(1250).WriteTo(Path.Combine(Folder(), "Pusta.db"));

        var dump = PxGen.Dump(path);

        Assert.Equal((0, 7), (dump.Records, dump.Fields.Count));
        Assert.Empty(dump.Rows);
        Assert.Empty(ReadOurs(path));
    }

    [Fact]
    public void A_value_that_does_not_fit_its_field_is_refused_naming_the_field()
    {
        var writer = new ParadoxWriter(1250).Field("Kod", ParadoxFieldKind.Alpha, 3).Record("ABCD");

        var e = Assert.Throws<ArgumentException>(() => writer.Bytes("T.db"));

        Assert.Contains("field Kod", e.Message);
    }

    [Fact]
    public void A_type_the_writer_does_not_write_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ParadoxWriter(1250).Field("Notatka", ParadoxFieldKind.Memo, 20));
    }
}
