using System.Data.Common;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// The change marker of one database on a server, read in the kit's read-only session with SELECT
/// only: a text that moves with every committed insert, update or delete in any table of the database
/// the login may read, and that our own reads do not move. Writes to other databases of the server
/// leave it as it is. Two queries: the list of the database's tables, then one row per table.
/// <list type="bullet">
/// <item>PostgreSQL: per table <c>count(*)</c> and the sum of the rows' <c>xmin</c> (the id of the
///   transaction that wrote the row version, as a number). An insert moves the count; a deletion the
///   count and the sum; an update writes a new row version whose xmin is the updating transaction's, which
///   differs from the old version's, so the sum moves. A transaction that commits long after it began
///   moves it at its commit (its rows are invisible before). Freezing (VACUUM FREEZE) keeps xmin since
///   PostgreSQL 9.4; xids wrap around after 2^32 transactions, where a row's new xmin can equal an old one:
///   the count and the other rows' sum still move unless changes cancel exactly.
///   https://www.postgresql.org/docs/current/ddl-system-columns.html</item>
/// <item>MySQL/MariaDB: per table <c>COUNT(*)</c> and the sum of <c>CRC32</c> of each row's columns
///   (<c>CONCAT_WS</c> with a flag per NULL column). The server has no row version: this reads every
///   row in the server (not over the network), so it costs a scan of the database. CHECKSUM TABLE is not
///   a SELECT, and INFORMATION_SCHEMA.TABLES.UPDATE_TIME is not kept for InnoDB across restarts.
///   https://mariadb.com/kb/en/crc32/ and https://mariadb.com/kb/en/concat_ws/</item>
/// </list>
/// SQL Server: <see cref="SqlServer"/>, one value per database. Other engines have none here.
/// </summary>
public static class DatabaseMarker
{
    /// <summary>PostgreSQL's readable base tables, schema-qualified and quoted by the server.</summary>
    public const string PostgreSqlTables = """
        SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), ''
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY 1
        """;

    /// <summary>MySQL's base tables of the current database with their columns, one row per column.</summary>
    public const string MySqlTables = """
        SELECT c.TABLE_NAME, c.COLUMN_NAME
        FROM INFORMATION_SCHEMA.COLUMNS c
        JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
        ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
        """;

    /// <summary>
    /// SQL Server's marker, one value per database: <c>CHANGE_TRACKING_CURRENT_VERSION()</c> where change
    /// tracking is on for the database (null otherwise), else <c>@@DBTS</c>, the database's last rowversion
    /// value, which moves on every write to a table with a rowversion column (a table without one is not
    /// seen: never run here).
    /// https://learn.microsoft.com/sql/relational-databases/system-functions/change-tracking-current-version-transact-sql
    /// and https://learn.microsoft.com/sql/t-sql/functions/dbts-transact-sql
    /// </summary>
    public const string SqlServer = "SELECT CAST(COALESCE(CHANGE_TRACKING_CURRENT_VERSION(), CAST(@@DBTS AS bigint)) AS nvarchar(40))";

    /// <summary>True where the engine has a database marker here.</summary>
    public static bool Has(SqlDialect dialect) => dialect == SqlDialect.SqlServer || TablesSql(dialect) is not null;

    /// <summary>The query listing an engine's tables (rows: table, column), or null where the engine has no marker here.</summary>
    public static string? TablesSql(SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? PostgreSqlTables : dialect == SqlDialect.MySql ? MySqlTables : null;

    /// <summary>
    /// The query of the per-table aggregates (rows: table, aggregate text) for the tables listed by
    /// <see cref="TablesSql"/> as (table, column) rows; null for no table or an engine without a marker.
    /// </summary>
    public static string? AggregateSql(SqlDialect dialect, IReadOnlyList<(string Table, string Column)> listed)
    {
        var tables = listed.GroupBy(t => t.Table, StringComparer.Ordinal).ToList();
        if (tables.Count == 0) return null;
        if (dialect == SqlDialect.PostgreSql)
            // the names are quoted by the server (quote_ident); each row names its table by its position
            return string.Join("\nUNION ALL ", tables.Select((t, i) =>
                $"SELECT {i}, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text FROM {t.Key}"));
        if (dialect == SqlDialect.MySql)
            return string.Join("\nUNION ALL ", tables.Select((t, i) =>
            {
                var columns = t.Select(c => Backticks(c.Column)).ToList();
                var nulls = string.Join(", ", columns.Select(c => $"ISNULL({c})"));
                return $"SELECT {i}, CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS('|', {string.Join(", ", columns)}, CONCAT({nulls})))), 0)) FROM {Backticks(t.Key)}";
            }));
        return null;
    }

    /// <summary>
    /// The database's marker: its tables' aggregates, one "table TAB aggregate" line each, in table order
    /// ("" for a database without tables). Left: the problem of a query (a login, a privilege, the server).
    /// </summary>
    public static async Task<Either<Problem, string>> Read(SqlSession session, CancellationToken cancel)
    {
        if (session.Dialect == SqlDialect.SqlServer)
            return (await session.List(SqlServer, [], r => Text(r, 0), cancel).ConfigureAwait(false)).Map(l => string.Join("\n", l));
        var tablesSql = TablesSql(session.Dialect)
            ?? throw new ArgumentException($"{session.Dialect.Engine} has no database marker here", nameof(session));
        var listed = await session.List(tablesSql, [], r => (r.GetString(0), r.GetString(1)), cancel).ConfigureAwait(false);
        if (listed.IsLeft) return listed.Map(_ => "");
        var tables = listed.ValueOf().Select(t => t.Item1).Distinct(StringComparer.Ordinal).ToList();
        if (AggregateSql(session.Dialect, listed.ValueOf()) is not { } sql) return "";
        var rows = await session.List(sql, [], r => (Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Text(r, 1)), cancel)
            .ConfigureAwait(false);
        return rows.Map(l => string.Join("\n", l.OrderBy(x => x.Item1).Select(x => $"{tables[x.Item1]}\t{x.Item2}")));
    }

    private static string Text(DbDataReader r, int i) =>
        r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "";

    private static string Backticks(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
