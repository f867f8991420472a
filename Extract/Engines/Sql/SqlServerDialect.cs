using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// Microsoft SQL Server (Microsoft.Data.SqlClient): double-quoted identifiers (QUOTED_IDENTIFIER is
/// on for SqlClient connections), "@name" parameters, INFORMATION_SCHEMA, default schema dbo.
/// SQL Server has no read-only transaction: the session runs READ COMMITTED with a short
/// LOCK_TIMEOUT, connects with ApplicationIntent=ReadOnly (routes to a readable secondary where
/// there is one), and sends nothing but a single SELECT (<see cref="SqlStatement"/>).
/// </summary>
public sealed class SqlServerDialect : SqlDialect
{
    internal static readonly SqlServerDialect Instance = new();
    private SqlServerDialect() { }

    public override string Engine => "SQL Server";
    public override string? DefaultSchema => "dbo";
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';

    /// <summary>
    /// A firm's rows as COUNT_BIG(*) and the sum of a weighted BINARY_CHECKSUM of each row's columns
    /// (NULL as 7), as one text; never run here (no SQL Server on the test machine: only its text is
    /// tested). BINARY_CHECKSUM is case-sensitive, unlike CHECKSUM, and each column's checksum is an int,
    /// summed as bigint so that the sum cannot overflow.
    /// https://learn.microsoft.com/sql/t-sql/functions/binary-checksum-transact-sql
    /// </summary>
    public override string? FirmFingerprint(IReadOnlyList<string> columns, IReadOnlyList<string> aliases)
    {
        var row = columns.Count == 0 ? "0"
            : string.Join(" + ", columns.Select((c, i) => $"CAST({i + 1} AS bigint) * COALESCE(BINARY_CHECKSUM({c}), 7)"));
        return $"CAST(COUNT_BIG(*) AS varchar(20)) + ':' + CAST(COALESCE(SUM({row}), 0) AS varchar(40))";
    }

    internal override async Task<DbTransaction> BeginReadOnly(DbConnection connection, int lockTimeoutMs, CancellationToken cancel)
    {
        await Run(connection, null, LockTimeoutSql(lockTimeoutMs), cancel).ConfigureAwait(false);
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The session statement before the transaction: a read waits at most this long for a lock the
    /// program holds, then fails with error 1222 (source.locked, "retry later"); 0 means no wait.
    /// </summary>
    internal static string LockTimeoutSql(int lockTimeoutMs) => $"SET LOCK_TIMEOUT {Math.Max(0, lockTimeoutMs)}";

    internal override string CatalogSql => """
        SELECT c.TABLE_SCHEMA + '.' + c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE,
               c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE
        FROM INFORMATION_SCHEMA.COLUMNS c
        JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE t.TABLE_TYPE IN ('BASE TABLE', 'VIEW') AND c.TABLE_SCHEMA NOT IN ('sys', 'INFORMATION_SCHEMA')
        ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION
        """;

    internal override CatalogColumn CatalogRow(DbDataReader r) => InformationSchema.Row(r);

    public override bool IsExpected(Exception e) => base.IsExpected(e) || e is System.Security.Authentication.AuthenticationException;

    // SQL Server error numbers (sys.messages)
    public const int LoginFailed = 18456;
    public const int LockTimeout = 1222;
    public const int InvalidObject = 208;
    public const int InvalidColumn = 207;
    public const int CannotOpenDatabase = 4060;
    public const int PermissionDenied = 229;
    public const int DatabaseReadOnly = 3906;
    public const int Deadlock = 1205;

    public override SqlFault Classify(Exception e)
    {
        var numbers = new List<int>();
        for (var x = e; x is not null; x = x.InnerException)
            if (x is SqlException sql)
                foreach (SqlError err in sql.Errors) numbers.Add(err.Number);
        var chain = Chain(e);
        return Classify(numbers, FirstLines(e), chain);
    }

    /// <summary>The classification by error numbers and the message chain (all inner messages).</summary>
    internal static SqlFault Classify(IReadOnlyCollection<int> numbers, string detail, string chain)
    {
        if (numbers.Contains(LoginFailed)) return new(FaultKind.Login, detail);
        if (chain.Contains("certificate", StringComparison.OrdinalIgnoreCase)) return new(FaultKind.Certificate, detail);
        if (numbers.Contains(LockTimeout) || numbers.Contains(Deadlock)) return new(FaultKind.Locked, detail);
        if (numbers.Contains(InvalidObject)) return new(FaultKind.TableMissing, detail, Between(detail, '\''));
        if (numbers.Contains(InvalidColumn)) return new(FaultKind.ColumnMissing, detail, Between(detail, '\''));
        if (numbers.Contains(CannotOpenDatabase)) return new(FaultKind.DatabaseMissing, detail);
        if (numbers.Contains(PermissionDenied)) return new(FaultKind.Privilege, detail);
        if (numbers.Contains(DatabaseReadOnly)) return new(FaultKind.ReadOnly, detail);
        // network: named pipes/TCP provider errors (2, 53, 40, 10060, 10061, 11001), -2 timeout, 0/-1 transport
        if (numbers.Any(n => n is 2 or 53 or 40 or 64 or 121 or 233 or 258 or 10053 or 10054 or 10060 or 10061 or 11001 or -1 or -2 or 0)
            || chain.Contains("network-related", StringComparison.OrdinalIgnoreCase))
            return new(FaultKind.Unreachable, detail);
        if (numbers.Count == 0 && chain.Length > 0) return new(FaultKind.Unreachable, detail);
        return new(FaultKind.Other, detail);
    }

    internal static string Chain(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) parts.Add(x.Message);
        return string.Join(" | ", parts);
    }
}

/// <summary>The INFORMATION_SCHEMA.COLUMNS row shape shared by SQL Server, PostgreSQL and MySQL.</summary>
internal static class InformationSchema
{
    /// <summary>Columns: table, column, data type, character length, numeric precision, numeric scale.</summary>
    public static CatalogColumn Row(DbDataReader r)
    {
        // in column order: sessions read with SequentialAccess
        var table = r.GetString(0);
        var column = r.GetString(1);
        var type = r.GetString(2).ToUpperInvariant();
        long? Num(int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
        var length = Num(3);
        var precision = Num(4);
        var scale = Num(5);
        var shown = type switch
        {
            "CHAR" or "NCHAR" or "VARCHAR" or "NVARCHAR" or "CHARACTER" or "CHARACTER VARYING" or "BINARY" or "VARBINARY"
                when length is not null => length == -1 ? $"{type}(MAX)" : $"{type}({length})",
            "DECIMAL" or "NUMERIC" when precision is not null => $"{type}({precision},{scale ?? 0})",
            _ => type,
        };
        return new CatalogColumn(table, column, shown);
    }
}
