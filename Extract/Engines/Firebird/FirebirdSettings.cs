using System.Data.Common;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>The settings every Firebird-based program shares, and the group streaming of its reads.</summary>
public static class FirebirdSettings
{
    public static IReadOnlyList<SettingSpec> Common(string pathDescription) =>
    [
        new("path", pathDescription, true, null),
        new("serverType", "server (a Firebird server, host and port) or embedded (the engine in this process)", false, "server"),
        new("host", "Firebird server address", false, "localhost"),
        new("port", "Firebird server port", false, FirebirdTarget.DefaultPort.ToString()),
        new("user", "Firebird user", false, FirebirdTarget.DefaultUser),
        new("password", "Firebird password", false, null, IsSecret: true),
        new("charset", "connection character set; by default the one the database declares", false, null),
        new("clientLibrary", "Firebird client library for embedded use", false, FirebirdTarget.DefaultClientLibrary),
        new("profileDir", "folder with a profile override file (<program>.profile.json)", false, null),
    ];

    /// <summary>
    /// Streams one (firm, kind) group: its records, then its <see cref="GroupEnd"/>; a driver error
    /// ends the group with the problem (the records before it are discarded downstream).
    /// </summary>
    public static async IAsyncEnumerable<SourceRecord> Group(SqlSession session, string sql,
        IReadOnlyList<(string Name, object? Value)> args, Func<DbDataReader, SourceRecord> map,
        Func<Problem?, GroupEnd> end, [EnumeratorCancellation] CancellationToken cancel)
    {
        Problem? fault = null;
        await foreach (var row in session.Guarded(sql, args, map, cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { fault = row.Fault; break; }
            yield return row.Value;
        }
        yield return end(fault);
    }

    public static decimal? Decimal(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDecimal(r.GetValue(i));
    public static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i))?.Trim();
    public static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i));
    public static DateOnly? Date(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateOnly.FromDateTime(Convert.ToDateTime(r.GetValue(i)));
    public static DateTime? Timestamp(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDateTime(r.GetValue(i));
}
