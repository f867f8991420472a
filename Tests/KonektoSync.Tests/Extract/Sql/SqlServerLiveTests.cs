using System.Diagnostics;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using Microsoft.Data.SqlClient;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>
/// A test database on a real SQL Server named by KONEKTOSYNC_TEST_MSSQL (a connection string whose
/// login may create and drop databases): "CDN"."DeklNag" and "dbo"."firmy", dropped at the end.
/// Without the variable nothing is created and every test of <see cref="SqlServerLiveTests"/> is skipped.
/// </summary>
public sealed class SqlServerLiveDatabase : IAsyncLifetime
{
    public const string Variable = "KONEKTOSYNC_TEST_MSSQL";
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;
    public static string SkipReason => $"not run: {Variable} is not set (a connection string to a SQL Server that may create databases)";

    public string Database { get; } = "konekto_t_mssql_" + Guid.NewGuid().ToString("N")[..10];

    private static SqlConnectionStringBuilder Builder => new(ConnectionString);

    public SqlConnection Admin(bool toDatabase)
    {
        var b = Builder;
        b.InitialCatalog = toDatabase ? Database : "master";
        b.Pooling = false;
        return new SqlConnection(b.ConnectionString);
    }

    /// <summary>The program settings of the test database, as an office would write them.</summary>
    public ProgramConfig Config(string? password = null, int lockTimeoutMs = 5000, string? database = null)
    {
        var b = Builder;
        var (host, instance, port) = SqlTarget.SplitServer(b.DataSource);
        var values = new Dictionary<string, string>
        {
            ["host"] = host, ["database"] = database ?? Database, ["lockTimeoutMs"] = lockTimeoutMs.ToString(),
            ["auth"] = b.IntegratedSecurity ? "windows" : "sql",
            ["trustServerCertificate"] = b.TrustServerCertificate ? "true" : "false",
        };
        if (instance is not null) values["instance"] = instance;
        if (port is not null) values["port"] = port;
        if (!b.IntegratedSecurity) values["user"] = b.UserID;
        return new ProgramConfig(ProgramId.Optima, values, new Secret(password ?? b.Password));
    }

    public SqlTarget Target(string? password = null, int lockTimeoutMs = 5000, string? database = null) =>
        SqlTarget.FromConfig("Optima", SqlDialect.SqlServer, Config(password, lockTimeoutMs, database))
            .Match(t => t, p => throw new InvalidOperationException(p.Message));

    public Task Execute(bool toDatabase, params string[] statements) =>
        Admin(toDatabase).RunAll(statements);

    public async Task InitializeAsync()
    {
        if (ConnectionString is null) return;
        await Execute(false, $"CREATE DATABASE [{Database}]");
        await Execute(true,
            "CREATE SCHEMA CDN",
            "CREATE TABLE CDN.DeklNag (DkN_DkNID INT PRIMARY KEY, DkN_Rok INT NOT NULL, DkN_Nazwa NVARCHAR(40) NOT NULL)",
            "INSERT INTO CDN.DeklNag VALUES (1, 2024, N'VAT-7 Żółć'), (2, 2024, N'PIT-4R'), (3, 2023, N'CIT-8')",
            "CREATE TABLE dbo.firmy (id INT PRIMARY KEY, nip VARCHAR(10))",
            "INSERT INTO dbo.firmy VALUES (1, '5260250995')");
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString is null) return;
        await Execute(false, $"ALTER DATABASE [{Database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE", $"DROP DATABASE [{Database}]");
    }
}

/// <summary>
/// The read-only session on a real SQL Server: what the PostgreSQL stand-in cannot prove (SqlClient's
/// connection string, SQL Server's error numbers as a live server sends them, SET LOCK_TIMEOUT).
/// Skipped, with the reason, when KONEKTOSYNC_TEST_MSSQL is not set.
/// </summary>
public sealed class SqlServerLiveTests(SqlServerLiveDatabase db) : IClassFixture<SqlServerLiveDatabase>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly SqlDialect D = SqlDialect.SqlServer;

    private static void RequireServer() =>
        Skip.If(SqlServerLiveDatabase.ConnectionString is null, SqlServerLiveDatabase.SkipReason);

    private const string DeclarationsSql =
        "SELECT \"DkN_Rok\", \"DkN_Nazwa\" FROM \"CDN\".\"DeklNag\" WHERE \"DkN_Rok\" = @rok ORDER BY \"DkN_DkNID\"";

    private async Task<SqlSession> Open(SqlTarget? target = null) => Right(await (target ?? db.Target()).Open("Optima", None));

    [SkippableFact]
    public async Task A_session_reads_quoted_schema_names_with_a_parameter_and_lists_the_catalog()
    {
        RequireServer();
        await using var s = await Open();

        var rows = Right(await s.List(DeclarationsSql, [("@rok", 2024)], r => (r.GetInt32(0), r.GetString(1)), None));
        var tables = Right(await s.Tables(None));

        Assert.Equal([(2024, "VAT-7 Żółć"), (2024, "PIT-4R")], rows);
        Assert.True(tables.ContainsKey("CDN.DeklNag"));
        Assert.True(tables.ContainsKey("firmy"));
    }

    [SkippableFact]
    public async Task A_write_is_refused_before_it_is_sent()
    {
        RequireServer();
        await using var s = await Open();

        var p = Left(await s.List("UPDATE \"CDN\".\"DeklNag\" SET \"DkN_Nazwa\" = N'x'", [], r => 0, None));

        Assert.Equal("source.refused", p.Code);
    }

    [SkippableFact]
    public async Task A_wrong_password_is_a_login_problem_that_shows_the_password_nowhere()
    {
        RequireServer();
        Skip.If(db.Config().Get("auth") == "windows", "the connection string uses Windows authentication: no password to get wrong");
        const string wrong = "Zle-Haslo-Ąę-5521";

        var p = Left(await db.Target(wrong).Open("Optima", None));

        Assert.Equal("source.login", p.Code);
        Assert.DoesNotContain(wrong, p.ToString());
        Assert.DoesNotContain(p.Args, a => a.Contains(wrong));
    }

    [SkippableFact]
    public async Task A_missing_database_table_and_column_are_named()
    {
        RequireServer();
        var database = Left(await db.Target(database: "konekto_nope_db").Open("Optima", None));
        await using var s = await Open();
        var table = Left(await s.List("SELECT 1 FROM \"CDN\".\"Nope\"", [], r => 0, None));
        var column = Left(await s.List("SELECT \"Nope\" FROM \"firmy\"", [], r => 0, None));

        Assert.Equal("source.database-missing", database.Code);
        Assert.Equal(("source.table-missing", "CDN.Nope"), (table.Code, table.Args[3]));
        Assert.Equal(("source.column-missing", "Nope"), (column.Code, column.Args[4]));
    }

    [SkippableFact]
    public async Task A_lock_the_program_holds_is_a_locked_problem_within_the_lock_timeout()
    {
        RequireServer();
        await using var s = await Open(db.Target(lockTimeoutMs: 1000));
        Problem p;
        var clock = Stopwatch.StartNew();
        await using (await Held.Take(db.Admin(true), "UPDATE CDN.DeklNag SET DkN_Nazwa = DkN_Nazwa WHERE DkN_Rok = 2024"))
            p = Left(await s.List(DeclarationsSql, [("@rok", 2024)], r => 0, None));

        Assert.Equal("source.locked", p.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waited {clock.Elapsed}");
        Assert.EndsWith("retry later", p.Message);
    }
}
