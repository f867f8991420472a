using System.Data.Common;
using System.Globalization;

namespace KonektoSync.Load;

/// <summary>Commands and readers of any ADO.NET provider: the panel's SQL runs on SQLite and PostgreSQL.</summary>
public static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? tx)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    /// <summary>
    /// The command of <paramref name="sql"/> kept for this connection, its parameters cleared: the
    /// statement is prepared once per connection and reused
    /// (https://learn.microsoft.com/dotnet/standard/data/sqlite/prepared). Not to be disposed by the
    /// caller (it goes with the connection); not for use by two callers at once.
    /// </summary>
    public static DbCommand Prepared(this DbConnection connection, string sql, DbTransaction? tx)
    {
        var commands = Kept.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var cmd))
            commands[sql] = cmd = connection.Command(sql, null);
        cmd.Parameters.Clear();
        cmd.Transaction = tx;
        return cmd;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection,
        Dictionary<string, DbCommand>> Kept = new();

    public static async Task<int> Execute(
        this DbConnection connection, string sql, DbTransaction? tx, CancellationToken cancel)
    {
        await using var cmd = connection.Command(sql, tx);
        return await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Adds a named parameter (<c>@name</c>, which both providers accept).</summary>
    public static DbCommand With(this DbCommand cmd, string name, object? value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(parameter);
        return cmd;
    }

    /// <summary>An integer column, whatever integer type the provider reads it as.</summary>
    public static long Long(this DbDataReader rdr, int i) =>
        Convert.ToInt64(rdr.GetValue(i), CultureInfo.InvariantCulture);

    public static int Int(this DbDataReader rdr, int i) =>
        Convert.ToInt32(rdr.GetValue(i), CultureInfo.InvariantCulture);

}
