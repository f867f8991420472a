using System.Data.Common;
using System.Diagnostics;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>
/// A test database on a real server (created with a unique name, dropped at the end): a
/// mixed-case table "DeklNag" (in schema "CDN" where the engine has schemas) and a plain "firmy".
/// Servers and the test login (konekto/konekto) come from scripts/install-deps.sh. Fails, never
/// skips, when the server is not there.
/// </summary>
public abstract class ServerDatabase : IAsyncLifetime
{
    public const string User = "konekto";
    public const string Password = "konekto";
    public string Database { get; } = "konekto_t_" + Guid.NewGuid().ToString("N")[..10];
    public abstract SqlDialect Dialect { get; }
    public abstract int Port { get; }
    /// <summary>The mixed-case table: "CDN.DeklNag" (PostgreSQL), "DeklNag" (MySQL).</summary>
    public abstract string Declarations { get; }

    /// <summary>A plain (not read-only) connection as the test login, to the test database or none.</summary>
    public abstract DbConnection Admin(bool toDatabase);

    protected abstract IEnumerable<string> Schema { get; }
    protected abstract string DropDatabase { get; }

    public ProgramConfig Config(string? password = Password, int? port = null, int lockTimeoutMs = 5000, string? database = null) =>
        new(ProgramId.Raks, new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["port"] = (port ?? Port).ToString(), ["database"] = database ?? Database,
            ["user"] = User, ["lockTimeoutMs"] = lockTimeoutMs.ToString(),
        }, password is null ? null : new Secret(password));

    public SqlTarget Target(string? password = Password, int? port = null, int lockTimeoutMs = 5000, string? database = null) =>
        SqlTarget.FromConfig("Optima", Dialect, Config(password, port, lockTimeoutMs, database))
            .Match(t => t, p => throw new InvalidOperationException(p.Message));

    public Task Execute(bool toDatabase, params string[] statements) =>
        Admin(toDatabase).RunAll(statements);

    public async Task InitializeAsync()
    {
        try { await Execute(false, $"CREATE DATABASE {Database}"); }
        catch (Exception e) when (e is DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"{Dialect.Engine} on 127.0.0.1:{Port} (konekto/konekto) not usable: run scripts/install-deps.sh", e);
        }
        await Execute(true, Schema.ToArray());
    }

    public async Task DisposeAsync() => await Execute(false, DropDatabase);
}

/// <summary>
/// What every server session must do, run against a real engine: read with parameters and quoted
/// (schema-qualified, mixed-case) names, list its catalog, refuse writes twice (before sending,
/// and by the engine), and turn login, network, missing objects and locks into neutral problems.
/// </summary>
public abstract class ServerSessionContract<TDb>(TDb db) where TDb : ServerDatabase
{
    protected readonly TDb Db = db;
    private static readonly CancellationToken None = CancellationToken.None;
    private SqlDialect D => Db.Dialect;

    private string DeclarationsSql => $"SELECT {D.Quote("DkN_Rok")}, {D.Quote("DkN_Nazwa")} FROM {D.Quote(Db.Declarations)} " +
        $"WHERE {D.Quote("DkN_Rok")} = {D.Param("rok")} ORDER BY {D.Quote("DkN_DkNID")}";

    private async Task<SqlSession> Open(SqlTarget? target = null) => Right(await (target ?? Db.Target()).Open("Optima", None));

    [Fact]
    public async Task A_session_reads_rows_by_quoted_mixed_case_names_and_a_parameter()
    {
        await using var s = await Open();

        var rows = Right(await s.List(DeclarationsSql, [("@rok", 2024)], r => (r.GetInt32(0), r.GetString(1)), None));

        Assert.Equal([(2024, "VAT-7 Żółć"), (2024, "PIT-4R")], rows);
        Assert.Equal(D, s.Dialect);
        Assert.Equal($"127.0.0.1:{Db.Port}/{Db.Database}", s.Where);
        Assert.Null(s.DeclaredCharset);
    }

    [Fact]
    public async Task The_catalog_names_tables_as_the_engine_qualifies_them()
    {
        await using var s = await Open();

        var catalog = Right(await s.Catalog(None));
        var tables = Right(await s.Tables(None));

        Assert.Contains(catalog, c => c.Table == Db.Declarations && c.Column == "DkN_Nazwa" && c.Type.StartsWith("VARCHAR", StringComparison.OrdinalIgnoreCase)
            || c.Table == Db.Declarations && c.Column == "DkN_Nazwa" && c.Type.StartsWith("CHARACTER VARYING", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["DkN_DkNID", "DkN_Rok", "DkN_Nazwa"], catalog.Where(c => c.Table == Db.Declarations).Select(c => c.Column));
        Assert.Contains("dkn_rok", tables[Db.Declarations.ToUpperInvariant()]);
        Assert.True(tables.ContainsKey("firmy"));
        if (D.DefaultSchema is { } schema) Assert.True(tables.ContainsKey($"{schema}.firmy"));
    }

    [Fact]
    public async Task A_write_is_refused_before_sending_and_by_the_engine_and_nothing_changes()
    {
        await using var s = await Open();
        var update = $"UPDATE {D.Quote(Db.Declarations)} SET {D.Quote("DkN_Nazwa")} = 'x'";

        var refused = Left(await s.List(update, [], r => 0, None));
        var byEngine = Left(await s.ExecuteUnchecked(update, None));
        await using var fresh = await Open();
        var names = Right(await fresh.List($"SELECT {D.Quote("DkN_Nazwa")} FROM {D.Quote(Db.Declarations)}", [], r => r.GetString(0), None));

        Assert.Equal(("source.refused", "source.read-only"), (refused.Code, byEngine.Code));
        Assert.Equal(new[] { "Optima", D.Engine }, byEngine.Args.Take(2).ToArray());
        Assert.DoesNotContain("x", names);
    }

    [Fact]
    public async Task A_wrong_password_is_a_login_problem_that_shows_the_password_nowhere()
    {
        const string wrong = "Zle-Haslo-Ąę-5521";

        var p = Left(await Db.Target(wrong).Open("Optima", None));

        Assert.Equal("source.login", p.Code);
        Assert.Equal($"Optima: cannot open 127.0.0.1:{Db.Port}/{Db.Database}: login refused for konekto ({D.Engine}): check the user and password",
            p.Message);
        Assert.DoesNotContain(p.Args, a => a.Contains(wrong));
        Assert.DoesNotContain(wrong, p.ToString());
    }

    [Fact]
    public async Task A_closed_port_is_an_unreachable_server_named_with_host_and_port()
    {
        var p = Left(await Db.Target(port: 1).Open("Optima", None));

        Assert.Equal("source.unreachable", p.Code);
        Assert.Contains($"{D.Engine} server 127.0.0.1:1 unreachable", p.Message);
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        var p = Left(await Db.Target(database: "konekto_nope").Open("Optima", None));

        Assert.Equal("source.database-missing", p.Code);
        Assert.Contains("127.0.0.1", p.Message);
    }

    [Fact]
    public async Task A_missing_table_or_column_is_a_neutral_problem_naming_it_and_the_session_reads_on()
    {
        await using var s = await Open();

        var table = Left(await s.List($"SELECT 1 FROM {D.Quote("Nope")}", [], r => 0, None));
        var column = Left(await s.List($"SELECT {D.Quote("Nope")} FROM {D.Quote("firmy")}", [], r => 0, None));
        var rows = Right(await s.List(DeclarationsSql, [("@rok", 2023)], r => r.GetString(1), None));

        Assert.Equal(("source.table-missing", "Nope"), (table.Code, table.Args[3]));
        Assert.Equal(("source.column-missing", "Nope"), (column.Code, column.Args[4]));
        Assert.Equal(["CIT-8"], rows);
    }

    /// <summary>Takes a lock that blocks readers on another connection; dispose to release.</summary>
    protected abstract Task<IAsyncDisposable> HoldLock();

    [Fact]
    public async Task A_lock_held_by_another_user_is_a_locked_problem_within_the_timeout()
    {
        await using var s = await Open(Db.Target(lockTimeoutMs: 1000));
        Problem p;
        var clock = Stopwatch.StartNew();
        await using (await HoldLock())
            p = Left(await s.List(DeclarationsSql, [("@rok", 2024)], r => 0, None));

        Assert.Equal("source.locked", p.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waited {clock.Elapsed}");
        Assert.Contains("retry later", p.Message);
    }

    [Fact]
    public async Task A_stream_abandoned_early_leaves_the_session_able_to_read_again()
    {
        await using var s = await Open();

        await foreach (var _ in s.Query($"SELECT {D.Quote("DkN_Rok")} FROM {D.Quote(Db.Declarations)}", [], r => r.GetInt32(0), None))
            break;
        var rows = Right(await s.List(DeclarationsSql, [("@rok", 2024)], r => r.GetString(1), None));

        Assert.Equal(2, rows.Count);
    }
}
