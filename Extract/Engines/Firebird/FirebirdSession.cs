using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>A row of a guarded stream: a value, or the problem that ended the stream.</summary>
public readonly record struct Streamed<T>(T Value, Problem? Fault);

/// <summary>
/// One attached Firebird database, read-only: a connection in the charset the database declares
/// and one read-only, read-committed transaction. Only SELECTs are run; the server refuses any
/// write in this transaction. Dispose to detach.
/// </summary>
public sealed class FirebirdSession : IAsyncDisposable
{
    private readonly FbConnection _connection;
    private readonly FbTransaction _transaction;

    public string Program { get; }
    public string Path { get; }
    /// <summary>The character set the database declares (RDB$DATABASE), e.g. "WIN1250".</summary>
    public string DeclaredCharset { get; }
    /// <summary>The character set this connection uses.</summary>
    public string Charset { get; }

    private FirebirdSession(string program, string path, string declared, string charset,
        FbConnection connection, FbTransaction transaction) =>
        (Program, Path, DeclaredCharset, Charset, _connection, _transaction) =
        (program, path, declared, charset, connection, transaction);

    /// <summary>Options of every read: read-only, read committed (record versions), no wait.</summary>
    public static FbTransactionOptions ReadOnly => new()
    {
        TransactionBehavior = FbTransactionBehavior.Read | FbTransactionBehavior.ReadCommitted
            | FbTransactionBehavior.RecVersion | FbTransactionBehavior.NoWait,
    };

    /// <summary>
    /// Attaches a database file: checks a local file's header page (ODS) first, connects with
    /// charset NONE to read the declared charset, then reconnects with it (or with the target's
    /// configured charset) and starts a read-only transaction.
    /// </summary>
    public static async Task<Either<Problem, FirebirdSession>> Open(
        string program, FirebirdTarget target, string path, CancellationToken cancel)
    {
        var pre = Precheck(program, target, path);
        if (pre is not null) return pre;
        try
        {
            var declared = await DeclaredCharsetOf(target, path, cancel).ConfigureAwait(false);
            var charset = target.Charset ?? (declared is "NONE" or "" ? "WIN1250" : declared);
            var connection = new FbConnection(target.ConnectionString(path, charset));
            try
            {
                await connection.OpenAsync(cancel).ConfigureAwait(false);
                var tx = await connection.BeginTransactionAsync(ReadOnly, cancel).ConfigureAwait(false);
                return new FirebirdSession(program, path, declared, charset, connection, tx);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception e) when (FirebirdProblems.IsExpected(e))
        {
            return FirebirdProblems.OnOpen(program, path, target, e);
        }
    }

    private static Problem? Precheck(string program, FirebirdTarget target, string path)
    {
        if (!target.FilesAreLocal) return null;
        if (!File.Exists(path))
            return target.Mode == FirebirdMode.Embedded
                ? Problem.Of("firebird.file-missing", $"{program}: cannot open {path}: file missing: check the data folder",
                    program, path)
                : null; // the server may see another file system; it will say
        return OdsHeader.Read(path).MatchUnsafe(
            Right: ods => OdsHeader.Mismatch(program, path, ods),
            Left: p => p.Code == "firebird.not-a-database"
                ? Problem.Of(p.Code, $"{program}: cannot open {path}: not a Firebird database", program, path)
                : null);
    }

    private const string CharsetSql = "SELECT RDB$CHARACTER_SET_NAME FROM RDB$DATABASE";

    private static async Task<string> DeclaredCharsetOf(FirebirdTarget target, string path, CancellationToken cancel)
    {
        await using var connection = new FbConnection(target.ConnectionString(path, "NONE"));
        await connection.OpenAsync(cancel).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ReadOnly, cancel).ConfigureAwait(false);
        await using var command = new FbCommand(CharsetSql, connection, tx);
        var value = await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return (value as string)?.Trim().ToUpperInvariant() ?? "NONE";
    }

    /// <summary>
    /// Streams the rows of one SELECT, forward-only (SequentialAccess: map reads columns in
    /// order). Parameters are passed by name ("@name"). Abandoning the stream cancels the command.
    /// </summary>
    public async IAsyncEnumerable<T> Query<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
        Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var command = new FbCommand(sql, _connection, _transaction);
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
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

    /// <summary>Like <see cref="Query{T}"/>, with the driver's expected errors as a last, faulted row.</summary>
    public IAsyncEnumerable<Streamed<T>> Guarded<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
        Func<DbDataReader, T> map, CancellationToken cancel) =>
        Guard(Query(sql, args, map, cancel), e => FirebirdProblems.OnQuery(Program, Path, e), cancel);

    /// <summary>Ends a stream with a faulted row when it throws an expected (driver, I/O) error.</summary>
    public static async IAsyncEnumerable<Streamed<T>> Guard<T>(IAsyncEnumerable<T> source,
        Func<Exception, Problem> onError, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var rows = source.GetAsyncEnumerator(cancel);
        while (true)
        {
            Problem? fault = null;
            bool more;
            try { more = await rows.MoveNextAsync().ConfigureAwait(false); }
            catch (Exception e) when (FirebirdProblems.IsExpected(e)) { fault = onError(e); more = false; }
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

    private const string CatalogSql = """
        SELECT TRIM(rf.RDB$RELATION_NAME), TRIM(rf.RDB$FIELD_NAME), f.RDB$FIELD_TYPE, f.RDB$FIELD_SUB_TYPE,
               f.RDB$FIELD_LENGTH, f.RDB$FIELD_PRECISION, f.RDB$FIELD_SCALE, f.RDB$CHARACTER_LENGTH
        FROM RDB$RELATIONS r
        JOIN RDB$RELATION_FIELDS rf ON rf.RDB$RELATION_NAME = r.RDB$RELATION_NAME
        JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
        WHERE COALESCE(r.RDB$SYSTEM_FLAG, 0) = 0
        ORDER BY rf.RDB$RELATION_NAME, rf.RDB$FIELD_POSITION
        """;

    /// <summary>The user tables and their columns with types (from RDB$RELATIONS, RDB$RELATION_FIELDS, RDB$FIELDS; no row data).</summary>
    public Task<Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel) =>
        List(CatalogSql, [], r => new CatalogColumn(
            r.GetString(0), r.GetString(1),
            TypeName(
                r.IsDBNull(2) ? (short)0 : Convert.ToInt16(r.GetValue(2)),
                r.IsDBNull(3) ? (short)0 : Convert.ToInt16(r.GetValue(3)),
                r.IsDBNull(4) ? (short)0 : Convert.ToInt16(r.GetValue(4)),
                r.IsDBNull(5) ? (short)0 : Convert.ToInt16(r.GetValue(5)),
                r.IsDBNull(6) ? (short)0 : Convert.ToInt16(r.GetValue(6)),
                r.IsDBNull(7) ? null : Convert.ToInt16(r.GetValue(7)))), cancel);

    /// <summary>Table name → its column names (upper case), for profile checks.</summary>
    public async Task<Either<Problem, Dictionary<string, System.Collections.Generic.HashSet<string>>>> Tables(
        CancellationToken cancel)
    {
        var catalog = await Catalog(cancel).ConfigureAwait(false);
        return catalog.Map(columns =>
        {
            var map = new Dictionary<string, System.Collections.Generic.HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in columns)
            {
                if (!map.TryGetValue(c.Table, out var set))
                    map[c.Table] = set = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.Add(c.Column);
            }
            return map;
        });
    }

    internal static string TypeName(short type, short subType, short length, short precision, short scale, short? charLength)
    {
        string Numeric(string baseName) => scale < 0
            ? $"NUMERIC({(precision > 0 ? precision : 18)},{-scale})" : baseName;
        return type switch
        {
            7 => Numeric("SMALLINT"),
            8 => Numeric("INTEGER"),
            16 => Numeric("BIGINT"),
            10 => "FLOAT",
            27 => Numeric("DOUBLE PRECISION"),
            12 => "DATE",
            13 => "TIME",
            35 => "TIMESTAMP",
            23 => "BOOLEAN",
            14 => $"CHAR({charLength ?? length})",
            37 => $"VARCHAR({charLength ?? length})",
            261 => subType == 1 ? "BLOB SUB_TYPE TEXT" : "BLOB",
            _ => $"TYPE {type}",
        };
    }

    /// <summary>Runs a statement in this session's read-only transaction (for tests that prove writes are refused).</summary>
    internal async Task<Either<Problem, int>> ExecuteInReadOnly(string sql, CancellationToken cancel)
    {
        try
        {
            await using var command = new FbCommand(sql, _connection, _transaction);
            return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (FirebirdProblems.IsExpected(e))
        {
            return FirebirdProblems.OnQuery(Program, Path, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _transaction.RollbackAsync().ConfigureAwait(false); }
        catch (Exception e) when (FirebirdProblems.IsExpected(e) || e is InvalidOperationException) { }
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
