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
}
