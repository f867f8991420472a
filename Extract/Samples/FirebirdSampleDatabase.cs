using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Extract.Engines.Firebird;

namespace KonektoSync.Extract.Samples;

/// <summary>
/// A Firebird database a sample writer creates and fills: the only code that writes Firebird
/// files, and only files it has just created. Rows go in through prepared INSERTs inside a
/// transaction committed every <see cref="BatchSize"/> rows, so large samples stream.
/// </summary>
internal sealed class FirebirdSampleDatabase : IAsyncDisposable
{
    public const int BatchSize = 5000;
    private readonly FbConnection _connection;
    private FbTransaction _transaction;
    private int _pending;
    public long Rows { get; private set; }

    private FirebirdSampleDatabase(FbConnection connection, FbTransaction transaction) =>
        (_connection, _transaction) = (connection, transaction);

    /// <summary>Creates the file (refusing an existing one) with the charset as its default, and runs the DDL.</summary>
    public static async Task<FirebirdSampleDatabase> Create(FirebirdTarget target, string path, string charset,
        IEnumerable<string> ddl, CancellationToken cancel)
    {
        if (File.Exists(path))
            throw new IOException($"{path} exists: a sample is only written into files it creates");
        var cs = target.ConnectionString(path, charset);
        await target.Create(cs, cancel).ConfigureAwait(false);
        var connection = new FbConnection(cs);
        await target.Attach(connection, cancel).ConfigureAwait(false);
        foreach (var statement in ddl)
        {
            await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            await using var command = new FbCommand(statement, connection, tx);
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            await tx.CommitAsync(cancel).ConfigureAwait(false);
        }
        var write = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        return new FirebirdSampleDatabase(connection, write);
    }

    /// <summary>A prepared INSERT into one table.</summary>
    public async Task<Inserter> Insert(string table, string[] columns, CancellationToken cancel)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var command = new FbCommand(sql, _connection, _transaction);
        for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new FbParameter("@p" + i, null));
        await command.PrepareAsync(cancel).ConfigureAwait(false);
        return new Inserter(this, command);
    }

    internal async Task Added(CancellationToken cancel)
    {
        Rows++;
        if (++_pending < BatchSize) return;
        await _transaction.CommitRetainingAsync(cancel).ConfigureAwait(false);
        _pending = 0;
    }

    public async Task Commit(CancellationToken cancel)
    {
        await _transaction.CommitAsync(cancel).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = await _connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        _pending = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    internal sealed class Inserter(FirebirdSampleDatabase database, FbCommand command) : IAsyncDisposable
    {
        public async Task Row(CancellationToken cancel, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            await database.Added(cancel).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
