using Microsoft.Data.Sqlite;

namespace KonektoSync.Load;

/// <summary>
/// Opens the SQLite files KonektoSync owns (state and local panel): write-ahead log, a busy
/// timeout for concurrent writers, full sync so a committed transaction survives a crash.
/// </summary>
internal static class SqliteFile
{
    public static async Task<SqliteConnection> Open(string path, CancellationToken cancel)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            await connection.Execute(Pragmas, null, cancel).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static SqliteCommand Command(
        this SqliteConnection connection, string sql, SqliteTransaction? tx)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    public static async Task<int> Execute(
        this SqliteConnection connection, string sql, SqliteTransaction? tx,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(sql, tx);
        return await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The command of <paramref name="sql"/> kept for this connection (<see cref="DbCommands.Prepared"/>).</summary>
    public static SqliteCommand Prepared(
        this SqliteConnection connection, string sql, SqliteTransaction? tx) =>
        (SqliteCommand)DbCommands.Prepared(connection, sql, tx);

    public static SqliteCommand With(this SqliteCommand cmd, string name, object? value)
    {
        cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();

    // secure_delete: what a row held before an update or a delete (an older PESEL digest, a
    // staged body) is overwritten in the file, not left in its free space
    // (https://www.sqlite.org/pragma.html#pragma_secure_delete).
    private const string Pragmas =
        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;";
}
