using System.Data.Common;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using MySqlConnector;
using Npgsql;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>
/// Two databases on each real server (PostgreSQL 15, MariaDB 10.11), made and dropped by the fixture:
/// "a" holds the program's tables, "b" stands for another program's database on the same server.
/// </summary>
public sealed class MarkerServers : IAsyncLifetime
{
    public const string PgServer = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto;Pooling=false";
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    public string A(string engine) => $"sqlmark_{engine}_a_{_id}";
    public string B(string engine) => $"sqlmark_{engine}_b_{_id}";

    public static readonly string[] Schema =
    [
        "CREATE TABLE firms (id INT PRIMARY KEY, nip VARCHAR(10))",
        "CREATE TABLE decl (id INT PRIMARY KEY, firm INT NOT NULL, amount DECIMAL(12,2), note VARCHAR(20))",
        "INSERT INTO firms VALUES (1, '5260250995'), (2, '7740001454'), (3, '1234563218')",
        "INSERT INTO decl VALUES (1, 1, 10.00, 'a'), (2, 1, 20.00, NULL), (3, 2, 30.00, 'c'), (4, 3, 40.00, 'd')",
    ];

    public DbConnection Admin(string engine, string? database = null) => engine == "postgres"
        ? new NpgsqlConnection(PgServer + ";Database=" + (database ?? "postgres"))
        : new MySqlConnection(new MySqlConnectionStringBuilder
            { Server = "127.0.0.1", Port = 3306, UserID = "konekto", Password = "konekto", Pooling = false, Database = database ?? "" }.ConnectionString);

    public SqlTarget Target(string engine, string database) => engine == "postgres"
        ? new SqlTarget(SqlDialect.PostgreSql, "127.0.0.1", 5432, null, database, "konekto", new Secret("konekto"), SqlAuth.Sql, false, 5000)
        : new SqlTarget(SqlDialect.MySql, "127.0.0.1", 3306, null, database, "konekto", new Secret("konekto"), SqlAuth.Sql, false, 5000);

    public Task Exec(string engine, string? database, params string[] statements) =>
        Admin(engine, database).RunAll(statements);

    public async Task InitializeAsync()
    {
        foreach (var engine in new[] { "postgres", "mariadb" })
            foreach (var db in new[] { A(engine), B(engine) })
            {
                await Exec(engine, null, $"CREATE DATABASE {db}");
                await Exec(engine, db, Schema);
            }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var db in new[] { A("postgres"), B("postgres") }) await Exec("postgres", null, $"DROP DATABASE IF EXISTS {db} WITH (FORCE)");
        foreach (var db in new[] { A("mariadb"), B("mariadb") }) await Exec("mariadb", null, $"DROP DATABASE IF EXISTS {db}");
    }
}

/// <summary>
/// The per-database change marker (<see cref="DatabaseMarker"/>) and the per-firm fingerprint aggregates
/// (<see cref="SqlDialect.FirmFingerprint"/>) on the real PostgreSQL and MariaDB servers, read in the
/// kit's read-only session.
/// </summary>
public sealed class DatabaseMarkerTests(MarkerServers servers) : IClassFixture<MarkerServers>
{
    public static TheoryData<string> Engines => new() { "postgres", "mariadb" };

    private async Task<string> Marker(string engine, string? database = null)
    {
        var opened = await servers.Target(engine, database ?? servers.A(engine)).Open("test", CancellationToken.None);
        await using var session = opened.Match(s => s, p => throw new InvalidOperationException(p.ToString()));
        return (await DatabaseMarker.Read(session, CancellationToken.None)).Match(m => m, p => throw new InvalidOperationException(p.ToString()));
    }

    private async Task<List<string>> Rows(string engine, string sql)
    {
        var opened = await servers.Target(engine, servers.A(engine)).Open("test", CancellationToken.None);
        await using var session = opened.Match(s => s, p => throw new InvalidOperationException(p.ToString()));
        return (await session.List(sql, [], r => { var print = r.GetString(0); return $"{r.GetValue(1)}={print}"; }, CancellationToken.None))
            .Match(l => l.Order(StringComparer.Ordinal).ToList(), p => throw new InvalidOperationException(p.ToString()));
    }

    [Theory, MemberData(nameof(Engines))]
    public async Task A_write_in_another_database_and_our_own_reads_leave_a_databases_marker_as_it_was(string engine)
    {
        var before = await Marker(engine);
        await Marker(engine);
        await servers.Exec(engine, servers.B(engine), "INSERT INTO decl VALUES (100, 1, 5.00, 'other')", "UPDATE firms SET nip = '0000000000' WHERE id = 2");
        var after = await Marker(engine);

        Assert.Equal(before, after);
        Assert.Contains("decl", before, StringComparison.Ordinal);
        Assert.NotEqual(before, await Marker(engine, servers.B(engine)));
    }

    [Theory, MemberData(nameof(Engines))]
    public async Task An_insert_an_update_and_a_delete_in_the_database_each_move_its_marker(string engine)
    {
        var db = servers.A(engine);
        var m0 = await Marker(engine);
        await servers.Exec(engine, db, "INSERT INTO decl VALUES (200, 2, 1.00, 'new')");
        var m1 = await Marker(engine);
        await servers.Exec(engine, db, "UPDATE decl SET amount = 2.00 WHERE id = 200");
        var m2 = await Marker(engine);
        await servers.Exec(engine, db, "DELETE FROM decl WHERE id = 2");
        var m3 = await Marker(engine);

        Assert.Equal(4, new[] { m0, m1, m2, m3 }.Distinct().Count());
    }

    [Fact]
    public async Task On_postgresql_an_update_that_writes_the_same_values_back_moves_the_marker_too()
    {
        var before = await Marker("postgres");
        await servers.Exec("postgres", servers.A("postgres"), "UPDATE firms SET nip = nip WHERE id = 3");
        Assert.NotEqual(before, await Marker("postgres"));
    }

    [Fact]
    public async Task On_postgresql_an_update_by_a_transaction_that_began_before_the_marker_and_commits_after_it_moves_it()
    {
        var db = servers.A("postgres");
        await using var early = servers.Admin("postgres", db);
        await early.OpenAsync();
        await using var tx = await early.BeginTransactionAsync();
        await using (var cmd = early.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE decl SET note = 'late' WHERE id = 4"; // takes its transaction id now
            await cmd.ExecuteNonQueryAsync();
        }
        // a later transaction commits first: its id is higher than the early one's
        await servers.Exec("postgres", db, "INSERT INTO firms VALUES (300, '9999999999')");
        var serverBefore = await Server();
        var before = await Marker("postgres");
        await tx.CommitAsync();
        var after = await Marker("postgres");

        Assert.NotEqual(before, after);
        Assert.NotEqual(serverBefore, await Server());
    }

    /// <summary>The server-wide marker of ProgramChangeSource (the snapshot: xmin, xmax, the transactions in progress).</summary>
    private async Task<string> Server()
    {
        var opened = await servers.Target("postgres", servers.A("postgres")).Open("test", CancellationToken.None);
        await using var session = opened.Match(s => s, p => throw new InvalidOperationException(p.ToString()));
        return (await session.List(KonektoSync.Host.Worker.SqlChangeMarker.PostgreSql, [], r => r.GetString(0), CancellationToken.None))
            .Match(l => l.Single(), p => throw new InvalidOperationException(p.ToString()));
    }

    [Theory, MemberData(nameof(Engines))]
    public async Task A_firms_fingerprint_moves_only_when_one_of_its_own_rows_changes(string engine)
    {
        var dialect = servers.Target(engine, "x").Dialect;
        const string t = "t";
        var sql = $"SELECT {dialect.FirmFingerprint([$"{t}.{dialect.Quote("amount")}", $"{t}.{dialect.Quote("note")}"], [t])}, {t}.{dialect.Quote("firm")} " +
            $"FROM {dialect.Quote("decl")} {t} GROUP BY {t}.{dialect.Quote("firm")}";
        var before = await Rows(engine, sql);
        await Rows(engine, sql);
        await servers.Exec(engine, servers.A(engine), "UPDATE decl SET note = 'changed' WHERE id = 3");
        var after = await Rows(engine, sql);

        Assert.Equal(3, before.Count);
        Assert.Equal(before.Where(r => !r.StartsWith("2=", StringComparison.Ordinal)), after.Where(r => !r.StartsWith("2=", StringComparison.Ordinal)));
        Assert.NotEqual(before.Single(r => r.StartsWith("2=", StringComparison.Ordinal)), after.Single(r => r.StartsWith("2=", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_sql_server_fingerprint_sums_weighted_binary_checksums_as_bigint_and_counts_with_count_big()
    {
        var text = SqlDialect.SqlServer.FirmFingerprint(["d.\"A\"", "d.\"B\""], ["d"]);

        Assert.Equal("CAST(COUNT_BIG(*) AS varchar(20)) + ':' + CAST(COALESCE(SUM(CAST(1 AS bigint) * COALESCE(BINARY_CHECKSUM(d.\"A\"), 7) + " +
            "CAST(2 AS bigint) * COALESCE(BINARY_CHECKSUM(d.\"B\"), 7)), 0) AS varchar(40))", text);
        Assert.Null(SqlStatement.WhyNot($"SELECT {text}, d.\"F\" FROM \"X\" d GROUP BY d.\"F\""));
    }
}
