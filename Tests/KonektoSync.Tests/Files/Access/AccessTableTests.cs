using System.Globalization;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Odbc;

namespace KonektoSync.Tests.Files.Access;

public class AccessTableTests
{
    private static readonly string Northwind = MdbTools.Fixture("nwind.mdb");
    private static readonly string Dates = MdbTools.Fixture("DateTestDatabase.mdb");

    private static ITableFile Open(string path, string table, string? driver = null, string? password = null) =>
        FileDump.OpenAccess(path, table, driver, password)
            .Match(t => t, fault => throw new Xunit.Sdk.XunitException(fault.ToString()));

    private static FileFault OpenFault(string path, string table, string? driver = null, string? password = null) =>
        FileDump.OpenAccess(path, table, driver, password)
            .Match(t => { t.Dispose(); throw new Xunit.Sdk.XunitException("opened"); }, fault => fault);

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    [Fact]
    public void The_first_Northwind_customer_reads_as_Northwind_has_it()
    {
        using var table = Open(Northwind, "Customers");

        var first = table.Rows(new ReadCounts()).First().Values;

        Assert.Equal(
            new object?[]
            {
                "ALFKI", "Alfreds Futterkiste", "Maria Anders", "Sales Representative", "Obere Str. 57",
                "Berlin", null, "12209", "Germany", "030-0074321", "030-0076545",
            },
            first);
    }

    [Fact]
    public void Every_Customers_value_equals_what_mdb_export_prints()
    {
        var expected = MdbTools.Export(Northwind, "Customers");
        using var table = Open(Northwind, "Customers");

        var rows = table.Rows(new ReadCounts()).Select(r => r.Values!.Select(Text).ToArray()).ToList();

        Assert.Equal(expected[0], table.Columns.Select(c => c.Name).ToArray());
        Assert.Equal(expected.Skip(1).ToList(), rows);
    }

    [Fact]
    public void Every_Northwind_table_is_listed_and_reads_as_many_rows_as_mdb_count_says()
    {
        var source = AccessSource.Create(Northwind, null).Match(s => s, f => throw new Exception(f.ToString()));

        var tables = AccessCatalog.Tables(source).Match(t => t.ToArray(), f => throw new Exception(f.ToString()));
        var ascii = tables.Where(name => name.All(char.IsAscii)).ToArray();
        var counts = ascii.Select(name =>
        {
            using var table = Open(Northwind, name);
            var read = new ReadCounts();
            return (name, (long)table.Rows(read).Count(r => !r.IsFault), read.Rejected);
        }).ToArray();

        Assert.Equal(MdbTools.Tables(Northwind).Order().ToArray(), tables.Order().ToArray());
        Assert.Equal(8, ascii.Length);
        Assert.Equal(ascii.Select(t => (name: t, MdbTools.Count(Northwind, t), 0L)).ToArray(), counts);
    }

    [Fact]
    public void A_table_name_beyond_ASCII_is_a_fault_that_points_to_mdb_export()
    {
        var fault = OpenFault(Northwind, "Umsätze");

        Assert.Equal("access.read", fault.Code);
        Assert.Contains("export the table with mdb-export", fault.Message);
    }

    [Fact]
    public void The_columns_of_a_table_are_listed_with_their_driver_types()
    {
        var source = AccessSource.Create(Northwind, null).Match(s => s, f => throw new Exception(f.ToString()));

        var columns = AccessCatalog.Columns(source, "order details").Match(c => c.ToArray(), f => throw new Exception(f.ToString()));

        Assert.Equal(["OrderID", "ProductID", "UnitPrice", "Quantity", "Discount"], columns.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void Dates_and_long_text_read_as_mdb_export_prints_them_and_unreadable_dates_reject_their_rows()
    {
        var expected = MdbTools.Export(Dates, "DateTest");
        using var table = Open(Dates, "DateTest");
        var counts = new ReadCounts();

        var rows = table.Rows(counts).ToList();

        Assert.Equal((3L, 3L), (counts.Read, counts.Rejected));
        Assert.Equal(new DateTime(2021, 12, 2), rows[0].Values![1]);
        foreach (var at in new[] { 0, 4, 5 })
            Assert.Equal(expected[at + 1], rows[at].Values!.Select(Text).ToArray());
        Assert.Equal("New line\r\nin field", rows[5].Values![4]);
        Assert.All(rows.Skip(1).Take(3), r => Assert.StartsWith("row ", r.Fault!.Message));
    }

    [Fact]
    public void A_table_that_is_not_there_is_a_fault_listing_the_tables()
    {
        var fault = OpenFault(Northwind, "Klienci");

        Assert.Equal(("access.table.missing", Path.GetFullPath(Northwind)), (fault.Code, fault.File));
        Assert.Contains("Customers", fault.Message);
    }

    [Fact]
    public void A_missing_database_file_is_a_fault_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-database.mdb");

        var fault = OpenFault(path, "Customers");

        Assert.Equal(("file.missing", path), (fault.Code, fault.File));
    }

    [Fact]
    public void A_driver_that_is_not_installed_is_a_fault_saying_what_to_install_without_the_password()
    {
        var fault = OpenFault(Northwind, "Customers", "No Such Driver", "s3cret-pw");

        Assert.Equal("odbc.driver.missing", fault.Code);
        Assert.Equal("ODBC driver 'No Such Driver' is not installed: install odbc-mdbtools (Debian) or set the driver name",
            fault.Message);
        Assert.DoesNotContain("s3cret-pw", fault.ToString());
        Assert.DoesNotContain("DBQ", fault.ToString());
    }

    [Fact]
    public void A_password_never_appears_in_a_fault()
    {
        var fault = OpenFault(Northwind, "s3cret-pw-table", null, "s3cret-pw");

        Assert.Equal("access.table.missing", fault.Code);
        Assert.DoesNotContain("PWD", fault.ToString());
    }

    [Fact]
    public void Abandoning_a_table_half_read_leaves_the_database_readable()
    {
        using var table = Open(Northwind, "Orders");

        var firstTen = table.Rows(new ReadCounts()).Take(10).Count();
        var all = table.Rows(new ReadCounts()).Count();

        Assert.Equal((10, MdbTools.Count(Northwind, "Orders")), (firstTen, (long)all));
    }
}
