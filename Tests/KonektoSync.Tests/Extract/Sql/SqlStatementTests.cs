using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Tests.Extract.Sql;

public sealed class SqlStatementTests
{
    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("select a, b from t where x = @nip;")]
    [InlineData("  -- the firms\n SELECT \"Update\", `Delete` FROM \"CDN\".\"DeklNag\" /* insert here? */")]
    [InlineData("WITH f AS (SELECT id FROM firms) SELECT * FROM f")]
    [InlineData("(SELECT 1) UNION ALL (SELECT 2)")]
    [InlineData("SELECT 'DROP TABLE x; DELETE' AS text FROM RDB$DATABASE")]
    [InlineData("SELECT CAST(x AS VARCHAR(10) CHARACTER SET WIN1250) FROM t")]
    [InlineData("SELECT REPLACE(nip, '-', '') FROM [dbo].[Firmy]")]
    [InlineData("SELECT Fir_Nip FROM CDN.Firma WITH (NOLOCK)")]
    public void A_single_select_may_be_sent(string sql) =>
        Assert.Null(SqlStatement.WhyNot(sql));

    [Theory]
    [InlineData("UPDATE t SET a = 1", "UPDATE is not allowed")]
    [InlineData("DELETE FROM t", "DELETE is not allowed")]
    [InlineData("SELECT 1; SELECT 2", "more than one statement")]
    [InlineData("SELECT 1; DROP TABLE t", "more than one statement")]
    [InlineData("SELECT * INTO copy FROM t", "INTO is not allowed")]
    [InlineData("SELECT * FROM t FOR UPDATE", "UPDATE is not allowed")]
    [InlineData("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "DELETE is not allowed")]
    [InlineData("EXEC sp_who", "EXEC is not allowed")]
    [InlineData("SET TRANSACTION READ WRITE", "SET is not allowed")]
    [InlineData("SHOW TABLES", "it starts with SHOW, not SELECT")]
    [InlineData("SELECT * FROM t FOR SHARE", "SHARE is not allowed")]
    [InlineData("SELECT * FROM t LOCK IN SHARE MODE", "LOCK is not allowed")]
    [InlineData("SELECT * FROM CDN.Firma WITH (UPDLOCK)", "UPDLOCK is not allowed")]
    [InlineData("SELECT * FROM CDN.Firma WITH (HOLDLOCK, ROWLOCK)", "HOLDLOCK is not allowed")]
    [InlineData("   ", "an empty statement")]
    [InlineData("SELECT 'open", "an unterminated quote")]
    [InlineData("SELECT 'a\\'; DELETE FROM t; --'", "more than one statement")]
    public void Anything_else_is_refused_with_the_reason(string sql, string why) =>
        Assert.Equal(why, SqlStatement.WhyNot(sql));

    [Fact]
    public void Named_markers_become_positional_in_the_order_of_the_text()
    {
        var (sql, args) = SqlStatement.Positional(
            "SELECT a FROM \"t@x\" WHERE b = '@no' AND c IN (@m1, @m0) -- @c0\n AND d = @c0 AND e = @c0",
            [("@c0", "K"), ("@m0", 1), ("@m1", 2)]);

        Assert.Equal("SELECT a FROM \"t@x\" WHERE b = '@no' AND c IN (?, ?) -- @c0\n AND d = ? AND e = ?", sql);
        Assert.Equal([("@m1", (object?)2), ("@m0", 1), ("@c0", "K"), ("@c0", "K")], args);
    }

    [Fact]
    public void A_marker_without_an_argument_is_a_bug_of_the_caller() =>
        Assert.Throws<ArgumentException>(() => SqlStatement.Positional("SELECT a FROM t WHERE b = @b", []));
}
