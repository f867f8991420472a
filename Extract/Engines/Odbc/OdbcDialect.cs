using System.Data;
using System.Data.Common;
using System.Data.Odbc;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Extract.Engines.Odbc;

/// <summary>
/// A SQL database reached through an ODBC driver that runs SQL itself (Pervasive PSQL / Actian Zen
/// for Btrieve files; the SQLite ODBC driver stands in for it in tests): double-quoted identifiers
/// (SQL-92, which both take), "?" parameter markers (the session turns the kit's "@name" markers
/// into them in order), the catalog from the driver's SQLTables and SQLColumns, and no transaction:
/// each SELECT runs on its own (autocommit), so no read lock outlives its statement. Writes are
/// refused by the connection's read-only attribute where the driver offers one
/// (<see cref="OdbcDriverKind"/>) and by the session's single-SELECT check everywhere.
/// </summary>
public sealed class OdbcDialect(string engine) : SqlDialect
{
    public override string Engine => engine;
    public override string? DefaultSchema => null;
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';

    public override bool PositionalParameters => true;
    internal override bool Autocommit => true;

    /// <summary>No transaction: a SELECT in autocommit mode holds its locks (if any) only while it runs.</summary>
    internal override Task<DbTransaction> BeginReadOnly(DbConnection connection, int lockTimeoutMs, CancellationToken cancel) =>
        Task.FromResult<DbTransaction>(new NoTransaction(connection));

    internal override string CatalogSql => throw new NotSupportedException("ODBC catalogs are read with SQLTables and SQLColumns");
    internal override CatalogColumn CatalogRow(DbDataReader r) => throw new NotSupportedException("ODBC catalogs are read with SQLTables and SQLColumns");

    /// <summary>
    /// User tables (TABLE and VIEW rows of SQLTables) and their columns (SQLColumns), positional as
    /// ODBC 3 defines them: TABLE_NAME is the 3rd column, TABLE_TYPE the 4th; COLUMN_NAME the 4th,
    /// TYPE_NAME the 6th, COLUMN_SIZE the 7th, DECIMAL_DIGITS the 9th.
    /// </summary>
    internal override List<CatalogColumn>? DriverCatalog(DbConnection connection)
    {
        var result = new List<CatalogColumn>();
        using var tables = connection.GetSchema("Tables");
        var names = tables.Rows.Cast<DataRow>()
            .Where(r => r[3] is string type && (type.Equals("TABLE", StringComparison.OrdinalIgnoreCase)
                || type.Equals("VIEW", StringComparison.OrdinalIgnoreCase)))
            .Select(r => r[2] as string)
            .OfType<string>()
            .Where(n => n.Length > 0)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var table in names)
        {
            using var columns = connection.GetSchema("Columns", [null, null, table, null]);
            foreach (DataRow c in columns.Rows)
                if (c[3] is string column && column.Length > 0)
                    result.Add(new CatalogColumn(table, column, TypeName(c)));
        }
        return result;
    }

    private static string TypeName(DataRow c)
    {
        var type = (c[5] as string ?? "").ToUpperInvariant();
        long? Num(int i) => c.Table.Columns.Count > i && c[i] is not (null or DBNull)
            && long.TryParse(Convert.ToString(c[i], System.Globalization.CultureInfo.InvariantCulture), out var n) ? n : null;
        return type switch
        {
            "CHAR" or "VARCHAR" or "NCHAR" or "NVARCHAR" or "TEXT" when Num(6) is { } size => $"{type}({size})",
            "DECIMAL" or "NUMERIC" when Num(6) is { } p => $"{type}({p},{Num(8) ?? 0})",
            _ => type,
        };
    }

    public override bool IsExpected(Exception e) =>
        base.IsExpected(e) || e is OdbcException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException;

    public override SqlFault Classify(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is OdbcException odbc)
                return Classify(odbc.Errors.Count > 0 ? odbc.Errors[0].SQLState : "", OneLine(odbc.Message));
        return new(FaultKind.Other, FirstLines(e));
    }

    private static string OneLine(string message) =>
        string.Join("; ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The classification by SQLSTATE (ODBC 3 and the ODBC 2 states drivers still send,
    /// https://learn.microsoft.com/en-us/sql/odbc/reference/appendixes/appendix-a-odbc-error-codes),
    /// then by the words of the drivers that send a general state (the SQLite driver's "no such
    /// table"; Btrieve status 84 and 85, a record or file locked by another user).
    /// </summary>
    internal static SqlFault Classify(string state, string message)
    {
        string? After(string marker)
        {
            var at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            var rest = message[(at + marker.Length)..].TrimStart();
            var end = rest.IndexOfAny([' ', ';', '(', ')', '\'', '"']);
            return (end < 0 ? rest : rest[..end]).Trim();
        }
        bool Says(string words) => message.Contains(words, StringComparison.OrdinalIgnoreCase);
        if (state is "IM002" or "IM003" || Says("Can't open lib") || Says("Data source name not found"))
            return new(FaultKind.Other, $"the ODBC driver or data source is not installed ({state}): {message}");
        if (state is "28000" or "28P01" || Says("password")) return new(FaultKind.Login, message);
        if (state is "42S02" or "S0002" || Says("no such table")) return new(FaultKind.TableMissing, message, After("no such table:"));
        if (state is "42S22" or "S0022" || Says("no such column")) return new(FaultKind.ColumnMissing, message, After("no such column:"));
        if (state is "HYT00" or "HYT01" or "40001" || Says("database is locked") || Says("Status Code: 84") || Says("Status Code: 85")
            || Says("is locked"))
            return new(FaultKind.Locked, message);
        if (state is "25000" or "25006" || Says("readonly database") || Says("read-only")) return new(FaultKind.ReadOnly, message);
        if (Says("unable to open database file") || Says("Database not found")) return new(FaultKind.DatabaseMissing, message);
        if (state.StartsWith("08", StringComparison.Ordinal)) return new(FaultKind.Unreachable, message);
        return new(FaultKind.Other, state.Length > 0 ? $"{state}: {message}" : message);
    }

    /// <summary>
    /// The session's transaction when the connection runs in autocommit: nothing to commit or roll
    /// back (reads only), never given to a command.
    /// </summary>
    internal sealed class NoTransaction(DbConnection connection) : DbTransaction
    {
        protected override DbConnection DbConnection => connection;
        public override IsolationLevel IsolationLevel => IsolationLevel.Unspecified;
        public override void Commit() { }
        public override void Rollback() { }
    }
}
