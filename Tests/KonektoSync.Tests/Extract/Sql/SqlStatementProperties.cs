using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Tests.Extract.Sql;

public sealed class SqlStatementArbs
{
    private static readonly string[] Writes = ["INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
        "DROP TABLE t", "CREATE TABLE t (a INT)", "ALTER TABLE t ADD b INT", "TRUNCATE TABLE t", "GRANT ALL ON t TO u",
        "EXECUTE PROCEDURE p", "MERGE INTO t USING s ON 1 = 1 WHEN MATCHED THEN DELETE"];

    /// <summary>A write statement in any letter case.</summary>
    public static Arbitrary<WriteStatement> Write() =>
        (from w in Gen.Elements(Writes)
         from upper in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), w.Length)
         select new WriteStatement(new string(w.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray())))
        .ToArbitrary();
}

public sealed record WriteStatement(string Sql);

[Properties(Arbitrary = new[] { typeof(SqlStatementArbs) })]
public sealed class SqlStatementProperties
{
    [Property]
    public bool A_write_is_refused_alone_and_after_a_select(WriteStatement write) =>
        SqlStatement.WhyNot(write.Sql) is not null
        && SqlStatement.WhyNot("SELECT 1; " + write.Sql) is not null
        && SqlStatement.WhyNot("SELECT 1 /* x */ ;\n" + write.Sql + ";") is not null;

    [Property]
    public bool Any_text_inside_a_literal_keeps_a_select_sendable(string text)
    {
        var literal = "'" + (text ?? "").Replace("\\", "").Replace("'", "''") + "'";
        return SqlStatement.WhyNot($"SELECT {literal} AS x FROM t WHERE a = @a") is null;
    }

    [Property]
    public bool A_write_inside_a_quoted_identifier_or_a_comment_is_only_a_name(WriteStatement write) =>
        SqlStatement.WhyNot($"SELECT \"{write.Sql.Replace("\"", "")}\" FROM t -- {write.Sql}") is null;

    [Property]
    public bool A_name_is_quoted_part_by_part_or_refused(string name)
    {
        name ??= "";
        var ok = SqlDialect.IsName(name);
        foreach (var d in new[] { SqlDialect.Firebird, SqlDialect.SqlServer, SqlDialect.MySql, SqlDialect.PostgreSql })
        {
            string quoted;
            try { quoted = d.Quote(name); }
            catch (ArgumentException) { if (ok) return false; continue; }
            var q = d == SqlDialect.MySql ? '`' : '"';
            var expected = string.Join('.', name.Split('.').Select(p => $"{q}{p}{q}"));
            if (!ok || quoted != expected || quoted.Count(c => c == q) != 2 * name.Split('.').Length) return false;
        }
        return true;
    }
}
