using System.Data.Common;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Tests.Files.Access;
using KonektoSync.Tests.Files.Dbf;
using KonektoSync.Tests.Files.Paradox;
using static KonektoSync.Extract.Engines.Firebird.FirebirdSettings;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>DBF (python-dbf oracle), Paradox (pxlib oracle) and Access (fixtures) tables read as rows.</summary>
public sealed class TableFolderSessionTests : IClassFixture<DbfOracle>, IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DbfOracle _dbf;
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-folder-").FullName;

    public TableFolderSessionTests(DbfOracle dbf) => _dbf = dbf;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string? Name, decimal? Amount, DateOnly? Born) Row(DbDataReader r) =>
        (Text(r, r.GetOrdinal("name")), Decimal(r, r.GetOrdinal("AMOUNT")), Date(r, r.GetOrdinal("Born")));

    [Fact]
    public async Task A_dbf_table_reads_by_column_name_with_the_mappers_of_sql_sessions()
    {
        var folder = Right(TableFolderSession.Folder("Symfonia", _dbf.Directory, EncodingOption.Auto));

        var rows = Right(await folder.List("DB3_CP1250", Row, None));

        Assert.Equal(
            [("Łódź", 12.5m, new DateOnly(2024, 1, 31)), ("ŚWIĘTOKRZYSKA", -3.25m, null), ("Gdańsk, \"Żuraw\"", 1234567.89m, new DateOnly(1999, 12, 31))],
            rows);
    }

    [Fact]
    public async Task The_catalog_lists_each_table_file_with_its_columns()
    {
        var folder = Right(TableFolderSession.Folder("Symfonia", _dbf.Directory, EncodingOption.Auto));

        var tables = Right(await folder.Tables(None));
        var catalog = Right(await folder.Catalog(None));

        Assert.Equal(["NAME", "AMOUNT", "BORN", "PAID", "NOTE"], catalog.Where(c => c.Table == "db3_cp852").Select(c => c.Column.ToUpperInvariant()));
        Assert.Contains("money", tables["VFP_CP1250"]);
        Assert.DoesNotContain(tables.Keys, k => k.EndsWith(".fpt", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_missing_table_is_the_neutral_table_missing_problem_naming_the_folder()
    {
        var folder = Right(TableFolderSession.Folder("Symfonia", _dbf.Directory, EncodingOption.Auto));

        var p = Left(await folder.List("KONTRAH", Row, None));

        Assert.Equal("source.table-missing", p.Code);
        Assert.Equal($"Symfonia: table KONTRAH missing in {_dbf.Directory}: program version older than supported: " +
            "update Symfonia, or name the table in a profile override", p.Message);
    }

    [Fact]
    public async Task A_file_cut_short_of_its_declared_records_gives_the_rows_before_then_a_problem_naming_the_file()
    {
        var bytes = new DbfBytes(TextEncodings.Get(1250)).Field("NAME", 'C', 20).Field("AMOUNT", 'N', 8, 2)
            .Record("Pierwszy", "1.00").Record("Drugi", "2.00").Record("Trzeci", "3.00").Build();
        var path = Path.Combine(_dir, "CUT.DBF");
        File.WriteAllBytes(path, bytes[..^12]);
        var folder = Right(TableFolderSession.Folder("Symfonia", _dir, EncodingOption.Auto));

        var rows = new List<string?>();
        Problem? fault = null;
        await foreach (var row in folder.Read("cut", r => Text(r, 0), None))
            if (row.Fault is null) rows.Add(row.Value); else fault = row.Fault;

        Assert.Equal(["Pierwszy", "Drugi"], rows);
        Assert.NotNull(fault);
        Assert.Equal(("source.file", "DBF", "dbf.records-missing"), (fault.Code, fault.Args[1], fault.Args[4]));
        Assert.Contains(path, fault.Message);
    }

    [Fact]
    public async Task A_record_that_cannot_be_decoded_ends_the_read_with_a_problem_naming_the_file_and_offset()
    {
        var bytes = new DbfBytes(TextEncodings.Get(1250)).Field("NAME", 'C', 20).Field("AMOUNT", 'N', 8, 2)
            .Record("Pierwszy", "1.00").Record("Drugi", "2.00").Record("Trzeci", "3.00").Build();
        int headerLength = BitConverter.ToUInt16(bytes, 8), recordLength = BitConverter.ToUInt16(bytes, 10);
        bytes[headerLength + recordLength] = (byte)'X';
        var path = Path.Combine(_dir, "BAD.DBF");
        File.WriteAllBytes(path, bytes);
        var folder = Right(TableFolderSession.Folder("Symfonia", _dir, EncodingOption.Auto));

        var p = Left(await folder.List("bad", r => Text(r, 0), None));

        Assert.Equal(("source.file", "dbf.record-flag"), (p.Code, p.Args[4]));
        Assert.Equal($"{path} @ {headerLength + recordLength}", p.Args[2]);
    }

    [Fact]
    public async Task A_paradox_table_in_a_folder_reads_as_pxlib_wrote_it()
    {
        var copy = PxGen.Copy(PxGen.Types(25), "TYPES.DB");
        var folder = Right(TableFolderSession.Folder("Rachmistrz", Path.GetDirectoryName(copy)!, EncodingOption.Auto));

        var rows = Right(await folder.List("types", r => (r.GetString(r.GetOrdinal("Name")), r.GetInt32(r.GetOrdinal("Id")),
            Date(r, r.GetOrdinal("Day"))), None));

        Assert.Equal(25, rows.Count);
        Assert.All(rows.Select((row, i) => (row, i)), x =>
        {
            var expected = ParadoxOracle.Row(x.i);
            Assert.Equal(((string)expected[0]!, (int)expected[8]!, (DateOnly?)expected[5]), x.row);
        });
        Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
    }

    [Fact]
    public async Task An_access_database_reads_its_tables_as_rows_and_names_a_missing_one()
    {
        var access = Right(TableFolderSession.Access("Płatnik", MdbTools.Fixture("nwind.mdb"), null, null));

        var customers = Right(await access.List("Customers", r => (r.GetString(r.GetOrdinal("CustomerID")), Text(r, r.GetOrdinal("City"))), None));
        var tables = Right(await access.Tables(None));
        var missing = Left(await access.List("Platnicy", r => 0, None));

        Assert.Equal(("ALFKI", "Berlin"), customers[0]);
        Assert.Equal(MdbTools.Count(MdbTools.Fixture("nwind.mdb"), "Customers"), customers.Count);
        Assert.Contains("CompanyName", tables["customers"]);
        Assert.Contains(access.Skipped, p => p.Code == "source.file" && p.Message.Contains("Umsätze"));
        Assert.False(tables.ContainsKey("Umsätze"));
        Assert.Equal(("source.table-missing", "Platnicy", "Access"), (missing.Code, missing.Args[3], missing.Args[1]));
    }
}
