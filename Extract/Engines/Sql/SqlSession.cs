using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// One open database of any engine, read-only: a connection and one read-only transaction of its
/// <see cref="Dialect"/>. Only a single SELECT is sent (checked before sending, see
/// <see cref="SqlStatement"/>); the engine refuses any write in this transaction besides.
/// Dispose to roll back and close.
/// </summary>
public sealed class SqlSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private DbTransaction _transaction;
    private readonly int _lockTimeoutMs;
    private readonly string _server;
    private readonly string _user;

    /// <summary>How long a read waits for another user's lock by default (setting lockTimeoutMs).</summary>
    public const int DefaultLockTimeoutMs = 5000;

    /// <summary>The program, for messages ("Raks").</summary>
    public string Program { get; }
    /// <summary>Where, without secrets: a file path, or "host\instance/database".</summary>
    public string Where { get; }
    public SqlDialect Dialect { get; }
    /// <summary>Firebird: the character set the database declares (RDB$DATABASE), e.g. "WIN1250"; null for other engines.</summary>
    public string? DeclaredCharset { get; }
    /// <summary>Firebird: the character set this connection uses; null for other engines.</summary>
    public string? Charset { get; }

    private SqlSession(string program, string where, string server, string user, SqlDialect dialect,
        DbConnection connection, DbTransaction transaction, string? declaredCharset, string? charset, int lockTimeoutMs)
    {
        _lockTimeoutMs = lockTimeoutMs;
        (Program, Where, _server, _user, Dialect) = (program, where, server, user, dialect);
        (_connection, _transaction, DeclaredCharset, Charset) = (connection, transaction, declaredCharset, charset);
    }

    /// <summary>The same session (connection and transaction) with the declared charset read on it.</summary>
    internal SqlSession WithDeclaredCharset(string declared) =>
        new(Program, Where, _server, _user, Dialect, _connection, _transaction, declared, Charset, _lockTimeoutMs);

    /// <summary>
    /// Opens a new (not yet opened) connection and begins the dialect's read-only transaction; the
    /// driver's errors become problems naming <paramref name="where"/>, <paramref name="server"/> and
    /// <paramref name="user"/>. The connection is disposed on failure.
    /// </summary>
    internal static async Task<Either<Problem, SqlSession>> Open(string program, string where, string server, string user,
        SqlDialect dialect, DbConnection connection, CancellationToken cancel,
        string? declaredCharset = null, string? charset = null, Func<Exception, Problem?>? onOpen = null,
        int lockTimeoutMs = DefaultLockTimeoutMs, Func<DbConnection, CancellationToken, Task>? attach = null)
    {
        try
        {
            await (attach ?? ((c, ct) => c.OpenAsync(ct)))(connection, cancel).ConfigureAwait(false);
            var tx = await dialect.BeginReadOnly(connection, lockTimeoutMs, cancel).ConfigureAwait(false);
            return new SqlSession(program, where, server, user, dialect, connection, tx, declaredCharset, charset, lockTimeoutMs);
        }
        catch (Exception e) when (dialect.IsExpected(e))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return onOpen?.Invoke(e)
                ?? SourceProblems.From(program, dialect.Engine, where, server, user, dialect.Classify(e), opening: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The problem for an expected driver error during a read.</summary>
    public Problem ProblemOf(Exception e) => e is StatementRefusedException refused
        ? refused.Problem
        : SourceProblems.From(Program, Dialect.Engine, Where, _server, _user, Dialect.Classify(e), opening: false);

    private bool IsExpected(Exception e) => e is StatementRefusedException || Dialect.IsExpected(e);

    /// <summary>
    /// Streams the rows of one SELECT, forward-only (SequentialAccess: map reads columns in order).
    /// Parameters are passed by name with their marker ("@nip"). A statement that is not a single
    /// SELECT throws <see cref="StatementRefusedException"/> before anything is sent. Abandoning the
    /// stream cancels the command.
    /// </summary>
    public async IAsyncEnumerable<T> Query<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
        Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancel)
    {
        if (SqlStatement.WhyNot(sql) is { } why)
            throw new StatementRefusedException(SourceProblems.Refused(Program, Dialect.Engine, Where, why));
        await using var command = Command(sql, args);
        DbDataReader? reader = null;
        var drained = false;
        try
        {
            reader = await command.ExecuteReaderAsync(
                CommandBehavior.SequentialAccess | CommandBehavior.SingleResult, cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                yield return map(reader);
            drained = true;
        }
        finally
        {
            if (reader is not null)
            {
                if (!drained)
                    try { command.Cancel(); } catch { /* do not hide the first exception */ }
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private DbCommand Command(string sql, IReadOnlyList<(string Name, object? Value)> args)
    {
        var command = _connection.CreateCommand();
        if (!Dialect.Autocommit) command.Transaction = _transaction;
        if (Dialect.PositionalParameters) (sql, args) = SqlStatement.Positional(sql, args);
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>Like <see cref="Query{T}"/>, with the expected errors (and a refused statement) as a last, faulted row.</summary>
    public async IAsyncEnumerable<Streamed<T>> Guarded<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
        Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancel)
    {
        await foreach (var row in Guard(Query(sql, args, map, cancel), e => IsExpected(e) ? ProblemOf(e) : null, cancel)
            .ConfigureAwait(false))
        {
            if (row.Fault is not null) await AfterError(row.Fault, cancel).ConfigureAwait(false);
            yield return row;
        }
    }

    /// <summary>Where an error ended the transaction, begins a new read-only one (best effort: a lost connection stays lost).</summary>
    private async Task AfterError(Problem fault, CancellationToken cancel)
    {
        if (!Dialect.ErrorAbortsTransaction || fault.Code == "source.refused") return;
        try
        {
            await _transaction.RollbackAsync(cancel).ConfigureAwait(false);
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _transaction = await Dialect.BeginReadOnly(_connection, _lockTimeoutMs, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (Dialect.IsExpected(e) || e is InvalidOperationException) { }
    }

    /// <summary>Ends a stream with a faulted row when it throws an error <paramref name="onError"/> maps to a problem.</summary>
    public static async IAsyncEnumerable<Streamed<T>> Guard<T>(IAsyncEnumerable<T> source,
        Func<Exception, Problem?> onError, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var rows = source.GetAsyncEnumerator(cancel);
        while (true)
        {
            Problem? fault = null;
            bool more;
            try { more = await rows.MoveNextAsync().ConfigureAwait(false); }
            catch (Exception e) when (onError(e) is { } p) { fault = p; more = false; }
            if (fault is not null) { yield return new Streamed<T>(default!, fault); yield break; }
            if (!more) yield break;
            yield return new Streamed<T>(rows.Current, null);
        }
    }

    /// <summary>Reads a whole (small) result into a list, or the problem.</summary>
    public async Task<Either<Problem, List<T>>> List<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
        Func<DbDataReader, T> map, CancellationToken cancel)
    {
        var list = new List<T>();
        await foreach (var row in Guarded(sql, args, map, cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) return row.Fault;
            list.Add(row.Value);
        }
        return list;
    }

    /// <summary>
    /// The user tables and their columns with types (no row data), from the dialect's catalog query.
    /// Tables are schema-qualified where the engine has schemas ("CDN.DeklNag"), plain for Firebird and MySQL.
    /// </summary>
    public Task<Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel)
    {
        try
        {
            if (Dialect.DriverCatalog(_connection) is { } catalog)
                return Task.FromResult(Either<Problem, List<CatalogColumn>>.Right(catalog));
        }
        catch (Exception e) when (Dialect.IsExpected(e) || e is ArgumentException)
        {
            return Task.FromResult(Either<Problem, List<CatalogColumn>>.Left(ProblemOf(e)));
        }
        return List(Dialect.CatalogSql, [], Dialect.CatalogRow, cancel);
    }

    /// <summary>
    /// Table name → its column names, both case-insensitive. A table of the default schema ("dbo",
    /// "public") is found as "dbo.X" and as "X".
    /// </summary>
    public async Task<Either<Problem, Dictionary<string, System.Collections.Generic.HashSet<string>>>> Tables(
        CancellationToken cancel)
    {
        var catalog = await Catalog(cancel).ConfigureAwait(false);
        return catalog.Map(columns => TablesOf(columns, Dialect.DefaultSchema));
    }

    internal static Dictionary<string, System.Collections.Generic.HashSet<string>> TablesOf(
        IEnumerable<CatalogColumn> columns, string? defaultSchema)
    {
        var map = new Dictionary<string, System.Collections.Generic.HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        void Add(string table, string column)
        {
            if (!map.TryGetValue(table, out var set))
                map[table] = set = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            set.Add(column);
        }
        var prefix = defaultSchema is null ? null : defaultSchema + ".";
        foreach (var c in columns)
        {
            Add(c.Table, c.Column);
            if (prefix is not null && c.Table.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                Add(c.Table[prefix.Length..], c.Column);
        }
        return map;
    }

    /// <summary>
    /// Runs any statement in this session's read-only transaction, without the SELECT check: only for
    /// tests that prove the engine itself refuses writes.
    /// </summary>
    internal async Task<Either<Problem, int>> ExecuteUnchecked(string sql, CancellationToken cancel)
    {
        try
        {
            await using var command = Command(sql, []);
            return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (Dialect.IsExpected(e))
        {
            var p = ProblemOf(e);
            await AfterError(p, cancel).ConfigureAwait(false);
            return p;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _transaction.RollbackAsync().ConfigureAwait(false); }
        catch (Exception e) when (Dialect.IsExpected(e) || e is InvalidOperationException) { }
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"{Program}: {Dialect.Engine} {Where}";
}

/// <summary>A statement a session refused to send (not a single SELECT); carries the problem.</summary>
public sealed class StatementRefusedException(Problem problem) : InvalidOperationException(problem.Message)
{
    public Problem Problem { get; } = problem;
}
