using System.Data.Common;
using System.Text.RegularExpressions;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// What differs between database engines for a read-only session: the name to show, identifier
/// quoting, parameter markers, the catalog query, how a read-only transaction begins, and which
/// driver errors mean what. One instance per engine: <see cref="Firebird"/>, <see cref="SqlServer"/>,
/// <see cref="MySql"/>, <see cref="PostgreSql"/>.
/// </summary>
public abstract partial class SqlDialect
{
    public static SqlDialect Firebird => Engines.Firebird.FirebirdDialect.Instance;
    public static SqlDialect SqlServer => SqlServerDialect.Instance;
    public static SqlDialect MySql => MySqlDialect.Instance;
    public static SqlDialect PostgreSql => PostgreSqlDialect.Instance;

    /// <summary>
    /// The aggregate of one firm's rows for a per-firm change fingerprint (<see cref="Kit.QueryText.Fingerprint"/>):
    /// one text expression over the GROUP BY of the firm column that moves when a row of the firm is
    /// added, deleted or changed; <paramref name="columns"/> are the query's selected columns,
    /// <paramref name="aliases"/> its tables. Null where the engine has none here (every firm is then read).
    /// </summary>
    public virtual string? FirmFingerprint(IReadOnlyList<string> columns, IReadOnlyList<string> aliases) => null;

    /// <summary>The engine's name for messages: "Firebird", "SQL Server", "MySQL", "PostgreSQL".</summary>
    public abstract string Engine { get; }

    /// <summary>The schema a plain table name means ("dbo", "public"), or null where there are no schemas.</summary>
    public abstract string? DefaultSchema { get; }

    protected abstract char OpenQuote { get; }
    protected abstract char CloseQuote { get; }

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_$#]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    /// <summary>True for a plain ("DeklNag") or schema-qualified ("CDN.DeklNag") identifier.</summary>
    public static bool IsName(string name) =>
        name.Length > 0 && name.Split('.') is { Length: <= 2 } parts && parts.All(p => Identifier().IsMatch(p));

    /// <summary>
    /// The name quoted, each part on its own: CDN.DeklNag → "CDN"."DeklNag" (MySQL: `CDN`.`DeklNag`).
    /// Quoted names keep their case. A name that is not an identifier is a bug of the caller.
    /// </summary>
    public string Quote(string name)
    {
        if (!IsName(name))
            throw new ArgumentException($"'{name}' is not a table or column name", nameof(name));
        return string.Join('.', name.Split('.').Select(p => $"{OpenQuote}{p}{CloseQuote}"));
    }

    /// <summary>The marker of a named parameter in statement text: "@name" for all four drivers.</summary>
    public string Param(string name)
    {
        var bare = name.TrimStart('@');
        if (!Identifier().IsMatch(bare) || bare.Contains('$') || bare.Contains('#'))
            throw new ArgumentException($"'{name}' is not a parameter name", nameof(name));
        return "@" + bare;
    }

    /// <summary>
    /// True where the driver takes "?" markers in order (ODBC): the session then sends "@name" markers
    /// of the statement as "?" with the arguments in the order of the markers in the text.
    /// </summary>
    public virtual bool PositionalParameters => false;

    /// <summary>
    /// True where the session runs without a transaction (each SELECT on its own): its transaction
    /// object is a placeholder never given to a command.
    /// </summary>
    internal virtual bool Autocommit => false;

    /// <summary>The catalog query: one row per column of every user table, in table and column order.</summary>
    internal abstract string CatalogSql { get; }

    /// <summary>
    /// The catalog read with the driver's own catalog functions instead of <see cref="CatalogSql"/>
    /// (ODBC's SQLTables and SQLColumns), or null to run <see cref="CatalogSql"/>.
    /// </summary>
    internal virtual List<CatalogColumn>? DriverCatalog(DbConnection connection) => null;

    /// <summary>One catalog row; the table schema-qualified where the engine has schemas.</summary>
    internal abstract CatalogColumn CatalogRow(DbDataReader r);

    /// <summary>
    /// Begins the session's read-only transaction on an open connection; a read that waits for
    /// another user's lock longer than <paramref name="lockTimeoutMs"/> fails (where the engine has a setting).
    /// </summary>
    internal abstract Task<DbTransaction> BeginReadOnly(DbConnection connection, int lockTimeoutMs, CancellationToken cancel);

    /// <summary>Runs one session statement (SET ...) of the dialect's own, outside the SELECT check.</summary>
    protected static async Task Run(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// True where an error ends the transaction (PostgreSQL: "current transaction is aborted"): the
    /// session then begins a new read-only transaction, so one failed read does not fail the next.
    /// </summary>
    public virtual bool ErrorAbortsTransaction => false;

    /// <summary>True for the errors a session expects from the outside world (the driver's, I/O).</summary>
    public virtual bool IsExpected(Exception e) =>
        e is DbException or IOException or UnauthorizedAccessException or TimeoutException
            or System.Net.Sockets.SocketException;

    /// <summary>What an expected error means.</summary>
    public abstract SqlFault Classify(Exception e);

    /// <summary>The driver's message without its boilerplate lines, on one line.</summary>
    internal static string FirstLines(Exception e) =>
        string.Join("; ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("SQL error code", StringComparison.Ordinal)
                && !l.StartsWith("Dynamic SQL Error", StringComparison.Ordinal)
                && !l.StartsWith("At line", StringComparison.Ordinal)));

    /// <summary>The text between the first pair of the given quotes in a message ('x' or "x"), or null.</summary>
    internal static string? Between(string message, char quote)
    {
        var a = message.IndexOf(quote);
        if (a < 0) return null;
        var b = message.IndexOf(quote, a + 1);
        return b < 0 ? null : message[(a + 1)..b];
    }

    public override string ToString() => Engine;
}
