using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

public sealed class FileDumpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-dump-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Table()
    {
        var cp852 = TextEncodings.Get(852);
        return new DbfBytes(cp852) { LanguageDriver = 0x64 }
            .Field("NAME", 'C', 20).Field("AMOUNT", 'N', 9, 2).Field("BORN", 'D', 8).Field("PAID", 'L', 1)
            .Record("Łódź, \"Bałuty\"", "1234.50", "20240229", "T")
            .Record(true, "usunięty", "1", "", "F")
            .Record("Kraków", "-0.01", "", " ")
            .Record("Zły", "12a", "", "F")
            .Record("Gdańsk", "3", "19991231", "F")
            .WriteTo(_dir, "dump.DBF");
    }

    [Fact]
    public void Rows_are_written_as_RFC_4180_CSV_with_invariant_numbers_and_ISO_dates()
    {
        using var table = FileDump.Open(Table(), EncodingOption.Auto).Match(t => t, f => throw new Xunit.Sdk.XunitException(f.ToString()));
        var output = new StringWriter();
        var faults = new List<FileFault>();

        var counts = FileDump.WriteCsv(table, output, limit: null, faults.Add);

        Assert.Equal(
            "NAME,AMOUNT,BORN,PAID\r\n" +
            "\"Łódź, \"\"Bałuty\"\"\",1234.50,2024-02-29,true\r\n" +
            "Kraków,-0.01,,\r\n" +
            "Gdańsk,3,1999-12-31,false\r\n",
            output.ToString());
        Assert.Equal((3L, 1L, 1L), (counts.Read, counts.Deleted, counts.Rejected));
        Assert.Equal("dbf.numeric", Assert.Single(faults).Code);
    }

    [Fact]
    public void A_header_declaring_fewer_records_than_the_file_holds_is_noted_with_the_records_past_the_last()
    {
        var builder = new DbfBytes(System.Text.Encoding.ASCII) { DeclaredRecords = 1 }
            .Field("NAME", 'C', 10).Record("a").Record("b").Record("c");
        var path = builder.WriteTo(_dir, "short.dbf");
        using var table = FileDump.OpenDbf(path, EncodingOption.Cp852).Match(t => (DbfTable)t, f => throw new Xunit.Sdk.XunitException(f.ToString()));

        var counts = FileDump.WriteCsv(table, new StringWriter(), limit: null);

        Assert.Equal(1L, counts.Read);
        var note = Assert.Single(table.Notes);
        Assert.Equal(("dbf.records-beyond", (long)builder.HeaderLength + builder.RecordLength), (note.Code, note.Offset));
        Assert.Contains("2 records", note.Message);
    }

    [Theory]
    [InlineData(13, 45, 7, 250, "13:45:07.250")]
    [InlineData(13, 45, 7, 0, "13:45:07")]
    [InlineData(0, 0, 0, 1, "00:00:00.001")]
    public void A_time_of_day_is_written_with_seconds_and_milliseconds(int h, int m, int s, int ms, string expected)
    {
        Assert.Equal(expected, FileDump.Format(new TimeOnly(h, m, s, ms)));
    }

    [Fact]
    public void The_limit_stops_after_that_many_rows()
    {
        using var table = FileDump.OpenDbf(Table(), EncodingOption.Cp852).Match(t => t, f => throw new Xunit.Sdk.XunitException(f.ToString()));
        var output = new StringWriter();

        FileDump.WriteCsv(table, output, limit: 1);

        Assert.Equal(2, output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_file_of_an_unknown_format_is_a_fault()
    {
        var path = Path.Combine(_dir, "x.xyz");

        var fault = FileDump.Open(path, EncodingOption.Auto).MatchUnsafe(_ => null, f => f);

        Assert.Equal(("file.format", path), (fault?.Code, fault?.File));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\r\nbreak", "\"line\r\nbreak\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Fields_are_quoted_only_when_RFC_4180_needs_it(string field, string expected)
    {
        var quoted = FileDump.Quote(field);

        Assert.Equal(expected, quoted);
    }

    [Fact]
    public void Timestamps_and_bytes_have_stable_text_forms()
    {
        var texts = new[] { FileDump.Format(new DateTime(2024, 5, 6, 7, 8, 9)), FileDump.Format(new DateTime(2024, 5, 6, 7, 8, 9, 250)),
            FileDump.Format(new byte[] { 1, 2, 3 }), FileDump.Format(1.5), FileDump.Format(null) };

        Assert.Equal(["2024-05-06T07:08:09", "2024-05-06T07:08:09.250", "AQID", "1.5", ""], texts);
    }
}
