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
