using System.Collections.Concurrent;
using KonektoSync.Domain;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// Databases that could not be opened, remembered for a while so that a check and the read after
/// it (one sync) try each unreadable file once: a file a server refuses or holds can take seconds
/// to fail. An entry is forgotten after <paramref name="keep"/>, or at once when a local file's
/// size or modification time changes (the office repaired or replaced it).
/// </summary>
internal sealed class OpenFailures(TimeSpan keep)
{
    private sealed record Entry(Problem Problem, DateTime At, (long, DateTime)? Stamp);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// True for a problem of the database itself (damaged, missing, another version, held, locked);
    /// a login, a server or a setting problem depends on the configuration and is never remembered.
    /// </summary>
    public static bool OfTheFile(Problem problem) => problem.Code is not
        ("source.login" or "source.unreachable" or "source.certificate" or "source.privilege" or "program.setting");

    /// <summary>The failures under one configuration (its settings, without the password).</summary>
    public Scope For(IReadOnlyDictionary<string, string> settings) =>
        new(this, string.Join("\n", settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));

    /// <summary>The remembered failures of one configuration: another configuration tries again.</summary>
    internal sealed class Scope(OpenFailures all, string settings)
    {
        public Problem? Recall(string database) => all.Recall(settings + "\n" + database, database);
        public void Remember(string database, Problem problem) => all.Remember(settings + "\n" + database, database, problem);
        public void Forget(string database) => all.Forget(settings + "\n" + database);
    }

    private Problem? Recall(string key, string database)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        if (DateTime.UtcNow - e.At < keep && e.Stamp == StampOf(database)) return e.Problem;
        _entries.TryRemove(key, out _);
        return null;
    }

    private void Remember(string key, string database, Problem problem) =>
        _entries[key] = new Entry(problem, DateTime.UtcNow, StampOf(database));

    private void Forget(string key) => _entries.TryRemove(key, out _);

    private static (long, DateTime)? StampOf(string database)
    {
        try
        {
            var file = new FileInfo(database);
            return file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
