using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;
using Microsoft.Data.SqlClient;
using MySqlConnector;
using Npgsql;

namespace KonektoSync.Tests.Extract.Sql;

public sealed class SqlTargetTests
{
    private const string Secret = "Tajne-Hasło-9182";

    private static ProgramConfig Config(params (string Key, string Value)[] values) =>
        new(ProgramId.Raks, values.ToDictionary(v => v.Key, v => v.Value), new Secret(Secret));

    private static SqlTarget Target(SqlDialect dialect, params (string Key, string Value)[] values) =>
        SqlTarget.FromConfig("Optima", dialect, Config(values)).Match(t => t, p => throw new InvalidOperationException(p.Message));

    private static Problem ProblemOf(SqlDialect dialect, params (string Key, string Value)[] values) =>
        SqlTarget.FromConfig("Optima", dialect, Config(values)).Match(_ => throw new InvalidOperationException("no problem"), p => p);

    [Fact]
    public void A_SQL_Server_target_connects_with_read_only_intent_to_the_named_instance()
    {
        var t = Target(SqlDialect.SqlServer, ("host", "biuro-srv"), ("instance", "OPTIMA"), ("database", "CDN_Firma"), ("user", "sa"));
        var b = new SqlConnectionStringBuilder(t.ConnectionString());

        Assert.Equal(("biuro-srv\\OPTIMA", "CDN_Firma", "sa", Secret), (b.DataSource, b.InitialCatalog, b.UserID, b.Password));
        Assert.Equal(ApplicationIntent.ReadOnly, b.ApplicationIntent);
        Assert.False(b.TrustServerCertificate);
        Assert.False(b.IntegratedSecurity);
        Assert.False(b.Pooling);
        Assert.Equal("biuro-srv\\OPTIMA/CDN_Firma", t.Where);
    }

    [Fact]
    public void Windows_authentication_and_a_trusted_certificate_are_settings()
    {
        var t = Target(SqlDialect.SqlServer, ("host", "srv"), ("port", "1500"), ("auth", "windows"),
            ("trustServerCertificate", "true"));
        var b = new SqlConnectionStringBuilder(t.ConnectionString());

        Assert.Equal(("srv,1500", true, true, ""), (b.DataSource, b.IntegratedSecurity, b.TrustServerCertificate, b.Password));
        Assert.Equal("srv:1500", t.Where);
        Assert.Equal("the Windows account", t.Login);
    }

    [Fact]
    public void PostgreSQL_and_MySQL_targets_use_their_default_ports()
    {
        var pg = new NpgsqlConnectionStringBuilder(Target(SqlDialect.PostgreSql, ("database", "d"), ("user", "u")).ConnectionString());
        var my = new MySqlConnectionStringBuilder(Target(SqlDialect.MySql, ("database", "d"), ("user", "u")).ConnectionString());

        Assert.Equal((5432, "d", "u", Secret, false), (pg.Port, pg.Database, pg.Username, pg.Password, pg.Pooling));
        Assert.Equal((3306u, "d", "u", Secret, false), (my.Port, my.Database, my.UserID, my.Password, my.Pooling));
    }

    [Fact]
    public void No_text_of_a_target_shows_its_password()
    {
        var t = Target(SqlDialect.SqlServer, ("host", "srv"), ("database", "db"), ("user", "sa"));

        Assert.DoesNotContain(Secret, t.ToString());
        Assert.DoesNotContain(Secret, t.Where);
        Assert.DoesNotContain(Secret, $"{t}");
        Assert.Equal("SQL Server srv:1433/db as sa", t.ToString());
    }

    [Theory]
    [InlineData("port", "99999", "program.setting")]
    [InlineData("auth", "kerberos", "program.setting")]
    [InlineData("trustServerCertificate", "yes", "program.setting")]
    [InlineData("lockTimeoutMs", "-5", "program.setting")]
    public void A_wrong_setting_is_named(string key, string value, string code)
    {
        var p = ProblemOf(SqlDialect.SqlServer, ("user", "sa"), (key, value));

        Assert.Equal(code, p.Code);
        Assert.Equal(new[] { "Optima", key, "invalid", value }, p.Args.Take(4).ToArray());
    }

    [Fact]
    public void A_SQL_login_without_a_user_is_a_missing_setting_and_windows_login_is_only_for_SQL_Server()
    {
        Assert.Equal("Optima: setting user is required: set it with 'konektosync programs set'",
            ProblemOf(SqlDialect.PostgreSql).Message);
        Assert.Equal("Optima: setting auth is 'windows', expected sql (MySQL)",
            ProblemOf(SqlDialect.MySql, ("auth", "windows"), ("user", "u")).Message);
        Assert.Equal("program.setting", ProblemOf(SqlDialect.PostgreSql, ("instance", "X"), ("user", "u")).Code);
    }

    [Theory]
    [InlineData("SRV\\INSERTGT", "SRV", "INSERTGT", null, "SRV\\INSERTGT")]
    [InlineData("srv,1500", "srv", null, 1500, "srv,1500")]
    [InlineData("tcp:SRV\\OPTIMA,1433", "SRV", "OPTIMA", 1433, "SRV\\OPTIMA,1433")]
    [InlineData(".\\SQLEXPRESS", "localhost", "SQLEXPRESS", null, "localhost\\SQLEXPRESS")]
    [InlineData("(local)", "localhost", null, 1433, "localhost,1433")]
    public void A_host_written_as_SQL_Server_tools_write_it_gives_its_instance_and_port(
        string host, string name, string? instance, int? port, string dataSource)
    {
        var t = Target(SqlDialect.SqlServer, ("host", host), ("user", "sa"));

        Assert.Equal((name, instance, port), (t.Host, t.Instance, t.Port));
        Assert.Equal(dataSource, new SqlConnectionStringBuilder(t.ConnectionString()).DataSource);
    }

    [Fact]
    public void An_instance_setting_that_contradicts_the_host_is_named()
    {
        var p = ProblemOf(SqlDialect.SqlServer, ("host", "SRV\\INSERTGT"), ("instance", "OPTIMA"), ("user", "sa"));

        Assert.Equal(("program.setting", "instance"), (p.Code, p.Args[1]));
        Assert.Equal("SRV\\INSERTGT", Target(SqlDialect.SqlServer, ("host", "SRV\\insertgt"), ("instance", "INSERTGT"),
            ("user", "sa")).Server);
    }

    [Theory]
    [InlineData(5000, "SET LOCK_TIMEOUT 5000")]
    [InlineData(0, "SET LOCK_TIMEOUT 0")]
    public void A_SQL_Server_session_waits_for_a_lock_no_longer_than_the_lock_timeout(int ms, string sql) =>
        Assert.Equal(sql, SqlServerDialect.LockTimeoutSql(ms));

    [Fact]
    public void A_lock_timeout_on_SQL_Server_says_the_program_holds_a_lock_and_to_retry_later()
    {
        var fault = SqlServerDialect.Classify([1222], "Lock request time out period exceeded.", "Lock request time out period exceeded.");
        var p = SourceProblems.From("Optima", "SQL Server", "srv\\OPTIMA/CDN_Firma", "srv\\OPTIMA", "sa", fault, opening: false);

        Assert.Equal("source.locked", p.Code);
        Assert.EndsWith("retry later", p.Message);
        Assert.Contains("locked by Optima", p.Message);
    }

    [Fact]
    public async Task SqlClient_refused_at_a_closed_port_gives_an_unreachable_problem_without_the_password()
    {
        var t = Target(SqlDialect.SqlServer, ("host", "127.0.0.1"), ("port", "1"), ("database", "CDN_Firma"), ("user", "sa"));

        var p = (await t.Open("Optima", CancellationToken.None)).Match(_ => throw new InvalidOperationException("opened"), p => p);

        Assert.Equal("source.unreachable", p.Code);
        Assert.Contains("SQL Server server 127.0.0.1:1 unreachable", p.Message);
        Assert.DoesNotContain(Secret, p.ToString());
        Assert.DoesNotContain(p.Args, a => a.Contains(Secret));
    }
}
