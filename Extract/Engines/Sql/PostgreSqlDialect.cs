using System.Data;
using System.Data.Common;
using Npgsql;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// PostgreSQL (Npgsql), the stand-in for SQL Server in tests: double-quoted, case-sensitive
/// identifiers, "@name" parameters, INFORMATION_SCHEMA, default schema public. The session's
/// transaction is READ COMMITTED and READ ONLY (the server refuses writes with 25006), with
/// lock_timeout set for the transaction.
/// </summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    internal static readonly PostgreSqlDialect Instance = new();
    private PostgreSqlDialect() { }

    public override string Engine => "PostgreSQL";
    public override string? DefaultSchema => "public";
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';

    public override bool ErrorAbortsTransaction => true;

    /// <summary>
    /// A firm's rows as count(*), the sum of a weighted hash of each row's columns (hashtext of the
    /// column as text, NULL as 7) and the sum of each table's row versions (xmin, the id of the transaction
    /// that wrote the row, as a number; an outer join's missing row adds nothing), as one text. An update
    /// writes a new row version with the updating transaction's xmin, so the sum moves even where the
    /// values come back the same. hashtext: https://www.postgresql.org/docs/current/functions-string.html
    /// lists no stable hash, so it is taken as the server's own (the same server gives the same hash);
    /// xmin: https://www.postgresql.org/docs/current/ddl-system-columns.html
    /// </summary>
    public override string? FirmFingerprint(IReadOnlyList<string> columns, IReadOnlyList<string> aliases)
    {
        var row = columns.Count == 0 ? "0"
            : string.Join(" + ", columns.Select((c, i) => $"{i + 1}::bigint * coalesce(hashtext(({c})::text), 7)"));
        var parts = new List<string> { "count(*)::text", $"coalesce(sum({row}), 0)::text" };
        parts.AddRange(aliases.Select(a => $"coalesce(sum({a}.xmin::text::bigint), 0)::text"));
        return string.Join(" || ':' || ", parts);
    }

    internal override async Task<DbTransaction> BeginReadOnly(DbConnection connection, int lockTimeoutMs, CancellationToken cancel)
    {
        var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancel).ConfigureAwait(false);
        await Run(connection, tx, "SET TRANSACTION READ ONLY", cancel).ConfigureAwait(false);
        await Run(connection, tx, $"SET LOCAL lock_timeout = {Math.Max(0, lockTimeoutMs)}", cancel).ConfigureAwait(false);
        return tx;
    }

    internal override string CatalogSql => """
        SELECT c.table_schema || '.' || c.table_name, c.column_name, c.data_type,
               c.character_maximum_length, c.numeric_precision, c.numeric_scale
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE t.table_type IN ('BASE TABLE', 'VIEW')
          AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\_%'
        ORDER BY c.table_schema, c.table_name, c.ordinal_position
        """;

    internal override CatalogColumn CatalogRow(DbDataReader r) => InformationSchema.Row(r);

    public override bool IsExpected(Exception e) => base.IsExpected(e) || e is System.Security.Authentication.AuthenticationException;

    public override SqlFault Classify(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException pg) return Classify(pg.SqlState, pg.MessageText);
        var chain = SqlServerDialect.Chain(e);
        if (chain.Contains("certificate", StringComparison.OrdinalIgnoreCase) || Has<System.Security.Authentication.AuthenticationException>(e))
            return new(FaultKind.Certificate, FirstLines(e));
        if (e is NpgsqlException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            return new(FaultKind.Unreachable, FirstLines(e));
        return new(FaultKind.Other, FirstLines(e));
    }

    /// <summary>The classification by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).</summary>
    internal static SqlFault Classify(string state, string message) => state switch
    {
        "28P01" or "28000" => new(FaultKind.Login, message),
        "55P03" or "40P01" => new(FaultKind.Locked, message),
        "42P01" => new(FaultKind.TableMissing, message, Between(message, '"')),
        "42703" => new(FaultKind.ColumnMissing, message, Between(message, '"')),
        "25006" => new(FaultKind.ReadOnly, message),
        "42501" => new(FaultKind.Privilege, message),
        "3D000" => new(FaultKind.DatabaseMissing, message),
        "57P01" or "57P02" or "57P03" => new(FaultKind.Unreachable, message),
        _ when state.StartsWith("08", StringComparison.Ordinal) => new(FaultKind.Unreachable, message),
        _ => new(FaultKind.Other, $"{state}: {message}"),
    };

    private static bool Has<T>(Exception e) where T : Exception
    {
        for (var x = e; x is not null; x = x.InnerException) if (x is T) return true;
        return false;
    }
}
