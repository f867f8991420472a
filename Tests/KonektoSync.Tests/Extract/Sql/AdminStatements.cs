using System.Data.Common;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>Statements a test runs as the server's administrator (making and filling sample databases).</summary>
internal static class AdminStatements
{
    /// <summary>Opens <paramref name="connection"/>, runs each statement in order and closes it.</summary>
    public static async Task RunAll(this DbConnection connection, IEnumerable<string> statements)
    {
        await using var c = connection;
        await c.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
