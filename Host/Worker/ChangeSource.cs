using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Sync;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Worker;

/// <summary>
/// A cheap fingerprint of each configured program's data, compared by the worker with the one it
/// kept after the program's last sync: a program syncs only when its fingerprint differs. A
/// fingerprint that cannot be taken (None) counts as a change.
/// </summary>
public interface IChangeSource
{
    Task<Map<ProgramId, Option<string>>> Fingerprints(AppConfig cfg, DataDir dir, CancellationToken cancel);
}

/// <summary>
/// The fingerprint of file programs and Firebird files: the names, sizes and modification times of
/// the files under the folders and files of the program's settings (two levels deep, at most
/// <see cref="MaxFiles"/> files), hashed. Only file metadata is read: no file is opened.
/// <para>
/// Reading a Firebird database moves its modification time (an attachment and each transaction,
/// read-only ones included, write the header page's next-transaction number), so the worker keeps
/// the fingerprint taken after the sync's own read, not the one before it. A change written while
/// a program's sync runs, after that program's read, is seen only at the next change elsewhere in
/// the same files or at the next scheduled run.
/// </para>
/// <para>
/// SQL servers have no files here: their fingerprint is None (counted as a change, so they sync on
/// every run). The markers such a program would use are in <see cref="SqlChangeMarker"/>.
/// </para>
/// </summary>
public sealed class FileChangeSource : IChangeSource
{
    public const int MaxFiles = 5000;

    public Task<Map<ProgramId, Option<string>>> Fingerprints(AppConfig cfg, DataDir dir, CancellationToken cancel)
    {
        var result = Map<ProgramId, Option<string>>();
        foreach (var (id, entry) in Connectors.Configured(cfg))
        {
            cancel.ThrowIfCancellationRequested();
            result = result.AddOrUpdate(id, Of(entry));
        }
        return Task.FromResult(result);
    }

    /// <summary>The fingerprint of one program's files, or None when its settings name no file or folder that exists here.</summary>
    public static Option<string> Of(ProgramEntry entry)
    {
        var lines = new List<string>();
        foreach (var (key, value) in entry.Values)
        {
            if (string.IsNullOrWhiteSpace(value) || !Path.IsPathFullyQualified(value)) continue;
            try
            {
                if (File.Exists(value)) lines.Add(Line(key, new FileInfo(value), value));
                else if (Directory.Exists(value))
                    lines.AddRange(Directory.EnumerateFiles(value, "*", new EnumerationOptions
                            { RecurseSubdirectories = true, MaxRecursionDepth = 1, IgnoreInaccessible = true })
                        .Take(MaxFiles + 1).Select(f => Line(key, new FileInfo(f), Path.GetRelativePath(value, f))));
                else return None;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return None;
            }
        }
        if (lines.Count == 0 || lines.Count > MaxFiles) return None;
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private static string Line(string key, FileInfo f, string name) =>
        string.Join('\t', key, name, f.Length.ToString(CultureInfo.InvariantCulture),
            f.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The change markers of SQL engines, for programs on a server: one cheap query whose answer moves
/// when any data is written, that a read-only login may run, and that our own reads do not move.
/// <list type="bullet">
/// <item>PostgreSQL: the snapshot's xmax, <c>pg_snapshot_xmax(pg_current_snapshot())</c> (PostgreSQL 13 and later;
///   txid_current_snapshot() before): a transaction id is assigned only to a transaction that writes, so
///   read-only transactions (ours) do not move it; it is server-wide, so a write to another database moves it
///   too (a needless sync, never a missed one). pg_stat_database.xact_commit is not used: every read-only
///   transaction, ours included, counts in it. https://www.postgresql.org/docs/current/functions-info.html</item>
/// <item>SQL Server: <c>CHANGE_TRACKING_CURRENT_VERSION()</c> where change tracking is on for the database
///   (null otherwise), else <c>@@DBTS</c>, the database's last rowversion value, which moves on every write
///   to a table with a rowversion column. https://learn.microsoft.com/sql/relational-databases/system-functions/change-tracking-current-version-transact-sql
///   and https://learn.microsoft.com/sql/t-sql/functions/dbts-transact-sql</item>
/// </list>
/// The worker does not run them yet: a SQL program's fingerprint is None, so it syncs on every run.
/// </summary>
public static class SqlChangeMarker
{
    public const string PostgreSql = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text";
    public const string SqlServer = "SELECT CAST(COALESCE(CHANGE_TRACKING_CURRENT_VERSION(), CAST(@@DBTS AS bigint)) AS nvarchar(40))";
}
