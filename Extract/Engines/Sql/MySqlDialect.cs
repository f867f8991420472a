using System.Data;
using System.Data.Common;
using MySqlConnector;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// MySQL and MariaDB (MySqlConnector): backtick-quoted identifiers, "@name" parameters,
/// INFORMATION_SCHEMA of the current database (tables are plain names: a database is a schema).
/// The session's transaction is START TRANSACTION READ ONLY (the server refuses writes with 1792),
/// with lock_wait_timeout and innodb_lock_wait_timeout set for the session (whole seconds).
/// </summary>
public sealed class MySqlDialect : SqlDialect
{
    internal static readonly MySqlDialect Instance = new();
    private MySqlDialect() { }

    public override string Engine => "MySQL";
    public override string? DefaultSchema => null;
    protected override char OpenQuote => '`';
    protected override char CloseQuote => '`';

    /// <summary>
    /// A firm's rows as COUNT(*) and the sum of a weighted CRC32 of each row's columns (NULL as 7), as
    /// one text. MySQL and MariaDB have no row version, so a change that writes the same values back
    /// does not move it (nothing the sync reads changed). SUM of integers is exact (DECIMAL).
    /// https://mariadb.com/kb/en/crc32/ and https://dev.mysql.com/doc/refman/8.0/en/aggregate-functions.html#function_sum
    /// </summary>
    public override string? FirmFingerprint(IReadOnlyList<string> columns, IReadOnlyList<string> aliases)
    {
        var row = columns.Count == 0 ? "0"
            : string.Join(" + ", columns.Select((c, i) => $"{i + 1} * COALESCE(CRC32({c}), 7)"));
        return $"CONCAT(COUNT(*), ':', COALESCE(SUM({row}), 0))";
    }

    internal override async Task<DbTransaction> BeginReadOnly(DbConnection connection, int lockTimeoutMs, CancellationToken cancel)
    {
        var seconds = Math.Max(1, (lockTimeoutMs + 999) / 1000);
        await Run(connection, null, $"SET SESSION lock_wait_timeout = {seconds}, SESSION innodb_lock_wait_timeout = {seconds}", cancel)
            .ConfigureAwait(false);
        return await ((MySqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, isReadOnly: true, cancel)
            .ConfigureAwait(false);
    }

    internal override string CatalogSql => """
        SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE,
               c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE
        FROM INFORMATION_SCHEMA.COLUMNS c
        JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')
        ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
        """;

    internal override CatalogColumn CatalogRow(DbDataReader r) => InformationSchema.Row(r);

    public override bool IsExpected(Exception e) => base.IsExpected(e) || e is System.Security.Authentication.AuthenticationException;

    public override SqlFault Classify(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is MySqlException my) return Classify(my.Number, FirstLines(my));
        if (e is TimeoutException or IOException or System.Net.Sockets.SocketException)
            return new(FaultKind.Unreachable, FirstLines(e));
        return new(FaultKind.Other, FirstLines(e));
    }

    /// <summary>The classification by server error number (https://mariadb.com/kb/en/mariadb-error-codes/).</summary>
    internal static SqlFault Classify(int number, string message) => number switch
    {
        1045 => new(FaultKind.Login, message),
        1205 or 1213 => new(FaultKind.Locked, message),
        1146 => new(FaultKind.TableMissing, message, Unqualified(Between(message, '\''))),
        1054 => new(FaultKind.ColumnMissing, message, Between(message, '\'')),
        1792 or 1290 => new(FaultKind.ReadOnly, message),
        1142 or 1143 or 1044 => new(FaultKind.Privilege, message),
        1049 => new(FaultKind.DatabaseMissing, message),
        1042 or 2002 or 2003 or 2005 or 2006 or 2013 => new(FaultKind.Unreachable, message),
        _ => new(FaultKind.Other, $"{number}: {message}"),
    };

    /// <summary>"db.table" → "table" (MySQL names the database in 1146).</summary>
    private static string? Unqualified(string? name) => name?.Contains('.') == true ? name[(name.IndexOf('.') + 1)..] : name;
}
