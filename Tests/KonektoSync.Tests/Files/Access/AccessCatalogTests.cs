using System.Data;
using KonektoSync.Extract.Engines.Odbc;
using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Files.Access;

/// <summary>A damaged Access file: the catalogue's empty cells and a file with no tables are faults naming the file.</summary>
public sealed class AccessCatalogTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("konektosync-mdb-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_catalogue_row_without_a_table_name_is_skipped_not_cast()
    {
        using var schema = new DataTable();
        foreach (var name in new[] { "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS" })
            schema.Columns.Add(name, typeof(object));
        schema.Rows.Add(DBNull.Value, DBNull.Value, "Customers", "TABLE", DBNull.Value);
        schema.Rows.Add(DBNull.Value, DBNull.Value, DBNull.Value, "TABLE", DBNull.Value);
        schema.Rows.Add(DBNull.Value, DBNull.Value, "MSysObjects", "SYSTEM TABLE", DBNull.Value);

        Assert.Equal(new[] { "Customers" }, AccessCatalog.TableNames(schema).ToArray());
    }

    [Fact]
    public void Listing_the_tables_of_an_mdb_with_a_damaged_catalogue_names_the_file_and_exits_1()
    {
        // noise over pages 2 to 40, where the catalogue (MSysObjects) lies
        var bytes = File.ReadAllBytes(MdbTools.Fixture("nwind.mdb"));
        var random = new Random(1);
        for (var i = 4096 * 2; i < 4096 * 40; i += 7) bytes[i] = (byte)random.Next(256);
        var truncated = Path.Combine(_folder, "damaged.mdb");
        File.WriteAllBytes(truncated, bytes);

        var r = _cli.Run("files", "dump", truncated);

        Assert.Equal(1, r.Exit);
        Assert.Contains(truncated, r.Err);
        Assert.Contains("damaged", r.Err);
        Assert.DoesNotContain("   at ", r.Out + r.Err);
    }

    [Fact]
    public void A_truncated_mdb_whose_catalogue_is_partly_readable_lists_the_tables_read_and_says_what_was_not()
    {
        var bytes = File.ReadAllBytes(MdbTools.Fixture("nwind.mdb"));
        var truncated = Path.Combine(_folder, "truncated.mdb");
        File.WriteAllBytes(truncated, bytes[..1_000_000]);

        var r = _cli.Run("files", "dump", truncated);

        Assert.Equal(1, r.Exit);
        var listed = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("Orders", listed);
        Assert.Contains("Shippers", listed);
        Assert.DoesNotContain(listed, l => l.Trim().Length == 0);
        Assert.Contains($"{truncated} is truncated", r.Err);
        Assert.Contains("entries without a readable name", r.Err);
        Assert.DoesNotContain("   at ", r.Out + r.Err);
    }

    [Fact]
    public void A_whole_mdb_lists_its_tables_and_exits_0()
    {
        var r = _cli.Run("files", "dump", MdbTools.Fixture("nwind.mdb"));

        Assert.Equal(0, r.Exit);
        Assert.Contains("Orders", r.Out.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain("read only in part", r.Err);
    }
}
