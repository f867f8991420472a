using System.Data.Odbc;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Odbc;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Odbc;

/// <summary>
/// The kit's ODBC SQL engine on the SQLite ODBC driver (the stand-in for Pervasive PSQL's driver):
/// statements are sent to the driver with positional markers, the catalog comes from SQLTables and
/// SQLColumns, the file is opened read-only, and the driver's errors are the kit's neutral problems.
/// </summary>
public sealed class OdbcEngineTests : IDisposable
{
    private const string Driver = "SQLite3";
    private const string Secret = "Odbc-Haslo-9911";
    private readonly string _dir = NewFolder(Path.Combine(Path.GetTempPath(), "konektosync-odbc-" + Guid.NewGuid().ToString("N")[..8]));
    private readonly string _file;

    public OdbcEngineTests()
    {
        _file = Path.Combine(_dir, "Dane Łódź 50%.db");
        Write(_file,
            "CREATE TABLE \"DEKLARACJE\" (\"ID\" INTEGER PRIMARY KEY, \"SYMBOL\" VARCHAR(20), \"ROK\" INTEGER, \"KWOTA\" DECIMAL(12,2))",
            "INSERT INTO \"DEKLARACJE\" VALUES (1, 'VAT-7', 2024, 120.5)",
            "INSERT INTO \"DEKLARACJE\" VALUES (2, 'PIT-4R', 2024, 80)",
            "INSERT INTO \"DEKLARACJE\" VALUES (3, 'VAT-7', 2023, 99)");
    }

    /// <summary>Test-only writes through the same driver, not read-only (a connector never can).</summary>
    internal static void Write(string file, params string[] sql)
    {
        using var c = new OdbcConnection($"Driver={Driver};Database={OdbcTarget.SqliteUri(file, "rwc")}");
        c.Open();
        foreach (var s in sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = s;
            cmd.ExecuteNonQuery();
        }
    }

    private static ProgramConfig Config(string database, string? attributes = null, string driver = Driver, string? password = Secret)
    {
        var values = new Dictionary<string, string> { ["database"] = database, ["driver"] = driver };
        if (attributes is not null) values["attributes"] = attributes;
        return new ProgramConfig(ProgramId.SymfoniaMk, values, password is null ? null : new Secret(password));
    }

    private static async Task<SqlDatabase> Open(ProgramConfig config)
    {
        var target = Right(OdbcEngine.Instance.Target("Symfonia MK", config));
        return (SqlDatabase)Right(await target.Open(config.Get("database")!, CancellationToken.None));
    }

    [Fact]
    public async Task A_select_with_named_markers_reaches_the_driver_with_its_arguments_in_order()
    {
        await using var db = await Open(Config(_file));

        var rows = Right(await db.Session.List(
            "SELECT \"SYMBOL\", \"KWOTA\" FROM \"DEKLARACJE\" WHERE \"ROK\" = @year AND \"SYMBOL\" <> '@not' AND \"ID\" >= @from ORDER BY \"ID\"",
            [("@from", 2), ("@year", 2024)], r => (r.GetString(0), Convert.ToDecimal(r.GetValue(1))), CancellationToken.None));

        Assert.Equal([("PIT-4R", 80m)], rows);
    }

    [Fact]
    public async Task The_catalog_lists_the_tables_and_columns_from_the_driver()
    {
        await using var db = await Open(Config(_file));

        var tables = Right(await db.Tables(CancellationToken.None));

        Assert.Equal(["ID", "SYMBOL", "ROK", "KWOTA"], tables["DEKLARACJE"].Order(StringComparer.Ordinal)
            .OrderBy(c => c switch { "ID" => 0, "SYMBOL" => 1, "ROK" => 2, _ => 3 }));
        Assert.Contains(Right(await db.Catalog(CancellationToken.None)), c => c is { Table: "DEKLARACJE", Column: "SYMBOL", Type: "VARCHAR(20)" });
    }

    [Fact]
    public async Task The_driver_itself_refuses_a_write_and_the_session_refuses_to_send_one()
    {
        await using var db = await Open(Config(_file));

        var written = Left(await db.Session.ExecuteUnchecked("INSERT INTO \"DEKLARACJE\" VALUES (9, 'X', 2024, 1)", CancellationToken.None));
        var refused = Left(await db.Session.List("DELETE FROM \"DEKLARACJE\"", [], r => 0, CancellationToken.None));

        Assert.Equal("source.read-only", written.Code);
        Assert.Equal("source.refused", refused.Code);
        await using var again = await Open(Config(_file));
        Assert.Equal(3, Right(await again.Session.List("SELECT COUNT(*) FROM \"DEKLARACJE\"", [], r => Convert.ToInt32(r.GetValue(0)), CancellationToken.None))[0]);
    }

    [Fact]
    public async Task A_missing_table_or_column_is_the_kit_s_problem_naming_it()
    {
        await using var db = await Open(Config(_file));

        var table = Left(await db.Session.List("SELECT \"X\" FROM \"ZUS\"", [], r => 0, CancellationToken.None));
        // unquoted: SQLite takes a double-quoted name it does not know for a text literal (the kit
        // checks columns against the catalog before it sends a query, so this is the driver's own word)
        var column = Left(await db.Session.List("SELECT d.NIP FROM \"DEKLARACJE\" d", [], r => 0, CancellationToken.None));

        Assert.Equal("source.table-missing", table.Code);
        Assert.Contains("ZUS", table.Args);
        Assert.Equal("source.column-missing", column.Code);
        Assert.Contains(column.Args, a => a.Contains("NIP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_locked_by_the_program_is_source_locked()
    {
        using var holder = new OdbcConnection($"Driver={Driver};Database={OdbcTarget.SqliteUri(_file, "rw")}");
        holder.Open();
        using (var begin = holder.CreateCommand()) { begin.CommandText = "BEGIN EXCLUSIVE"; begin.ExecuteNonQuery(); }
        await using var db = await Open(Config(_file, attributes: "Timeout=200"));

        var locked = Left(await db.Session.List("SELECT \"ID\" FROM \"DEKLARACJE\"", [], r => 0, CancellationToken.None));

        Assert.Equal("source.locked", locked.Code);
        Assert.Contains(_file, locked.Args);
        using (var end = holder.CreateCommand()) { end.CommandText = "ROLLBACK"; end.ExecuteNonQuery(); }
    }

    [Fact]
    public async Task A_missing_database_or_driver_is_one_clear_problem_without_the_password()
    {
        var target = Right(OdbcEngine.Instance.Target("Symfonia MK", Config(_file)));
        var missing = Left(await target.Open(Path.Combine(_dir, "none.db"), CancellationToken.None));
        var noDriver = Right(OdbcEngine.Instance.Target("Symfonia MK", Config("MKFIRMA", driver: "Pervasive ODBC Interface")));
        var driver = Left(await noDriver.Open("MKFIRMA", CancellationToken.None));

        Assert.Equal("source.database-missing", missing.Code);
        Assert.Equal("source.error", driver.Code);
        Assert.Contains("Pervasive ODBC Interface' is not installed", driver.Message);
        Assert.All(new[] { missing, driver }, p =>
        {
            Assert.DoesNotContain(Secret, p.ToString());
            Assert.DoesNotContain("PWD", p.ToString(), StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Settings_that_would_change_the_driver_or_login_through_attributes_are_refused()
    {
        var p = Left(OdbcEngine.Instance.Target("Symfonia MK", Config(_file, attributes: "Timeout=100;PWD=x")));
        var braces = Left(OdbcEngine.Instance.Target("Symfonia MK", Config(_file, driver: "{SQLite3}")));

        Assert.Equal("program.setting", p.Code);
        Assert.Contains("PWD", p.Args);
        Assert.Equal("program.setting", braces.Code);
    }

    [Theory]
    [InlineData("/data/mk/Firma.db", "file:/data/mk/Firma.db?mode=ro")]
    [InlineData("/data/Dane 50%/F#1?.db", "file:/data/Dane%2050%25/F%231%3f.db?mode=ro")]
    [InlineData("/data/Łódź.db", "file:/data/%c5%81%c3%b3d%c5%ba.db?mode=ro")]
    public void A_sqlite_file_is_opened_as_a_read_only_uri(string file, string uri) =>
        Assert.Equal(uri, OdbcTarget.ReadOnlyUri(file));

    [Theory]
    [InlineData("42S02", "[Pervasive][ODBC Engine Interface]No such table or object.", FaultKind.TableMissing)]
    [InlineData("S0022", "Column not found: NIP", FaultKind.ColumnMissing)]
    [InlineData("28000", "[Pervasive][ODBC Engine Interface]Invalid user-name or password.", FaultKind.Login)]
    [InlineData("08S01", "[Pervasive][ODBC Client Interface][Client LNA]Connection attempt timed out.", FaultKind.Unreachable)]
    [InlineData("S1000", "[Pervasive][ODBC Engine Interface][Data Record Manager]The file is locked(Btrieve Error 85). Status Code: 85", FaultKind.Locked)]
    [InlineData("HY000", "no such table: ZUS (1)", FaultKind.TableMissing)]
    [InlineData("IM002", "[unixODBC][Driver Manager]Data source name not found and no default driver specified", FaultKind.Other)]
    public void Driver_states_and_words_map_to_the_kit_s_faults(string state, string message, FaultKind kind) =>
        Assert.Equal(kind, OdbcDialect.Classify(state, message).Kind);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
