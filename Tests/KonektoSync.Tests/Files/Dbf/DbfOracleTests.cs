using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

public sealed class DbfOracleTests(DbfOracle oracle) : IClassFixture<DbfOracle>
{
    [Theory]
    [InlineData("db3_cp852")]
    [InlineData("db3_cp1250")]
    [InlineData("fp_cp852")]
    [InlineData("fp_cp1250")]
    [InlineData("vfp_cp852")]
    [InlineData("vfp_cp1250")]
    [InlineData("db3_cp852_ld00")]
    [InlineData("db3_cp1250_ld00")]
    [InlineData("fp_cp1250_ld00")]
    [InlineData("db3_cp852_ld23")]
    [InlineData("db3_cp852_ld64")]
    public void A_table_written_by_python_dbf_reads_back_with_the_values_written(string name)
    {
        using var table = DbfRead.OpenOrFail(oracle.Table(name));

        var (rows, counts) = DbfRead.All(table);

        Assert.Equal(["Łódź", "ŚWIĘTOKRZYSKA", "Gdańsk, \"Żuraw\""], rows.Select(r => table.Column(r, "NAME")));
        Assert.Equal([12.5m, -3.25m, 1234567.89m], rows.Select(r => table.Column(r, "AMOUNT")));
        Assert.Equal([new DateOnly(2024, 1, 31), null, new DateOnly(1999, 12, 31)], rows.Select(r => table.Column(r, "BORN")));
        Assert.Equal([true, false, null], rows.Select(r => table.Column(r, "PAID")));
        Assert.Equal(["Zażółć gęślą jaźń", null, "pierwsza linia\r\ndruga: źdźbło, ŻÓŁW"],
            rows.Select(r => table.Column(r, "NOTE")));
        Assert.Equal((3L, 2L, 0L), (counts.Read, counts.Deleted, counts.Rejected));
    }

    [Theory]
    [InlineData("db3_cp852", 852, "language driver 0x1F")]
    [InlineData("db3_cp852_ld23", 852, "language driver 0x23")]
    [InlineData("db3_cp852_ld64", 852, "language driver 0x64")]
    [InlineData("db3_cp1250", 1250, "language driver 0xC8")]
    [InlineData("vfp_cp1250", 1250, "language driver 0xC8")]
    public void The_language_driver_byte_chooses_the_code_page(string name, int codePage, string how)
    {
        using var table = DbfRead.OpenOrFail(oracle.Table(name));

        var choice = table.Encoding;

        Assert.Equal((codePage, how), (choice.CodePage, choice.How));
    }

    [Theory]
    [InlineData("db3_cp852_ld00", 852, "heuristic: 10 Polish letters read as CP852 (language driver 0x00)")]
    [InlineData("db3_cp1250_ld00", 1250, "heuristic: 10 Polish letters read as CP1250 (language driver 0x00)")]
    [InlineData("fp_cp1250_ld00", 1250, "heuristic: 10 Polish letters read as CP1250 (language driver 0x00)")]
    public void Without_a_language_driver_the_heuristic_finds_the_code_page_and_says_so(string name, int codePage, string how)
    {
        using var table = DbfRead.OpenOrFail(oracle.Table(name));

        var choice = table.Encoding;

        Assert.Equal((codePage, how), (choice.CodePage, choice.How));
    }

    [Fact]
    public void The_encoding_option_overrides_the_language_driver()
    {
        using var table = DbfRead.OpenOrFail(oracle.Table("db3_cp1250"), DbfOptions.Default with { Encoding = EncodingOption.Cp852 });

        var first = DbfRead.All(table).Rows[0];

        Assert.Equal(("set by option", 852), (table.Encoding.How, table.Encoding.CodePage));
        Assert.Equal("úˇdč", table.Column(first, "NAME"));
    }

    [Fact]
    public void FoxPro_float_fields_read_as_decimals()
    {
        using var table = DbfRead.OpenOrFail(oracle.Table("fp_cp852"));

        var rows = DbfRead.All(table).Rows;

        Assert.Equal([1.5m, -0.125m, null], rows.Select(r => table.Column(r, "RATE")));
        Assert.Equal("FoxPro 2", table.Format);
    }

    [Fact]
    public void Visual_FoxPro_integer_currency_datetime_and_double_fields_read_exactly()
    {
        using var table = DbfRead.OpenOrFail(oracle.Table("vfp_cp1250"));

        var rows = DbfRead.All(table).Rows;

        Assert.Equal([-7, 2147483646, 0], rows.Select(r => table.Column(r, "CNT")));
        Assert.Equal([12.3456m, -0.0001m, 0m], rows.Select(r => table.Column(r, "MONEY")));
        Assert.Equal([new DateTime(2024, 5, 6, 7, 8, 9), null, null], rows.Select(r => table.Column(r, "STAMP")));
        Assert.Equal([2.5, -1e-3, 0.0], rows.Select(r => table.Column(r, "DBL")));
        Assert.Equal(("Visual FoxPro", "T", "DateTime"), (table.Format, table.Columns[7].TypeCode, table.Columns[7].TypeName));
    }

    [Fact]
    public void A_memo_file_whose_name_differs_in_case_is_found()
    {
        var dir = Directory.CreateTempSubdirectory("konektosync-dbf-").FullName;
        File.Copy(oracle.Table("db3_cp852"), Path.Combine(dir, "KSIEGA.DBF"));
        File.Copy(Path.Combine(oracle.Directory, "db3_cp852.dbt"), Path.Combine(dir, "ksiega.Dbt"));
        using var table = DbfRead.OpenOrFail(Path.Combine(dir, "KSIEGA.DBF"));

        var first = DbfRead.All(table).Rows[0];

        Assert.Equal("Zażółć gęślą jaźń", table.Column(first, "NOTE"));
        Assert.Equal(Path.Combine(dir, "ksiega.Dbt"), table.MemoPath);
    }

    [Fact]
    public void A_missing_memo_file_is_a_fault_naming_the_table_and_the_memo_field()
    {
        var dir = Directory.CreateTempSubdirectory("konektosync-dbf-").FullName;
        var path = Path.Combine(dir, "bez_memo.dbf");
        File.Copy(oracle.Table("fp_cp852"), path);

        var fault = DbfRead.FaultOrFail(path);

        Assert.Equal(("dbf.memo-missing", path, 32L + 4 * 32), (fault.Code, fault.File, fault.Offset));
    }
}
