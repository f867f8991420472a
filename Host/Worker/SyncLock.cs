using System.Globalization;
using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Host.Config;

namespace KonektoSync.Host.Worker;

/// <summary>Who holds a data folder's sync lock, as written in the lock file.</summary>
public sealed record SyncLockHolder(int Pid, string Command, DateTimeOffset Since);

/// <summary>
/// One sync at a time per data folder: <c>&lt;data&gt;/sync.lock</c> (0600), held by `sync`, `demo`
/// (through its `sync` step) and each run of the worker. The lock is an OS lock on a byte range of
/// the file (<see cref="FileStream.Lock"/>: <c>fcntl(F_SETLK)</c> on Linux and macOS, <c>LockFileEx</c>
/// on Windows), so the OS releases it when its process ends in any way (kill -9 included): a lock file
/// left by a dead process is free, and taking it over is safe. The locked range lies past the text,
/// so the holder's pid, command and start time stay readable by the process that waits.
/// POSIX record locks belong to a process, not to an open file, so holders within one process are
/// also tracked in memory.
/// </summary>
public sealed class SyncLock : IDisposable
{
    public const string FileName = "sync.lock";
    private const long LockedAt = 1L << 30;
    private static readonly Dictionary<string, SyncLockHolder> HeldHere = new(StringComparer.Ordinal);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _file;
    private readonly string _path;

    private SyncLock(FileStream file, string path) => (_file, _path) = (file, path);

    public static string PathOf(DataDir dir) => System.IO.Path.Combine(dir.Path, FileName);

    /// <summary>
    /// The lock, waiting up to <paramref name="wait"/> for it; or the problem that names its holder.
    /// </summary>
    public static async Task<LanguageExt.Either<Problem, SyncLock>> Take(DataDir dir, string command, TimeProvider clock,
        TimeSpan wait, CancellationToken cancel)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            if (TryTake(dir, command, clock) is { } taken) return taken;
            if (DateTimeOffset.UtcNow >= deadline) return Busy(dir, ReadHolder(dir));
            await Task.Delay(Poll, cancel);
        }
    }

    /// <summary>The lock at once, or null when another sync holds it.</summary>
    public static SyncLock? TryTake(DataDir dir, string command, TimeProvider clock)
    {
        dir.Ensure();
        var path = PathOf(dir);
        lock (HeldHere)
        {
            if (HeldHere.ContainsKey(path)) return null;
            var options = new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite,
                // macOS has no byte-range locks in .NET: the whole file is held (flock), its text unreadable meanwhile
                Share = OperatingSystem.IsMacOS() ? FileShare.None : FileShare.ReadWrite | FileShare.Delete,
            };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            FileStream? file = null;
            try
            {
                file = new FileStream(path, options);
                if (!OperatingSystem.IsMacOS()) file.Lock(LockedAt, 1);
            }
            catch (IOException)
            {
                file?.Dispose();
                return null;
            }
            var holder = new SyncLockHolder(Environment.ProcessId, command, clock.GetLocalNow());
            file.SetLength(0);
            file.Write(JsonSerializer.SerializeToUtf8Bytes(holder, AppConfig.Json));
            file.Flush(flushToDisk: true);
            HeldHere.Add(path, holder);
            return new SyncLock(file, path);
        }
    }

    /// <summary>Who holds the lock, as its file says; null when the file is missing, empty or unreadable.</summary>
    public static SyncLockHolder? ReadHolder(DataDir dir)
    {
        // never opened (and closed) here while this process holds it: closing would drop a POSIX lock
        lock (HeldHere)
            if (HeldHere.TryGetValue(PathOf(dir), out var here)) return here;
        try
        {
            using var file = new FileStream(PathOf(dir), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var text = new StreamReader(file);
            var json = text.ReadToEnd();
            return json.Length == 0 ? null : JsonSerializer.Deserialize<SyncLockHolder>(json, AppConfig.Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }

    /// <summary>Whether another process (or another sync of this one) holds the data folder's lock now.</summary>
    public static bool IsHeld(DataDir dir)
    {
        if (!File.Exists(PathOf(dir))) return false;
        using var probe = TryTake(dir, "probe", TimeProvider.System);
        return probe is null;
    }

    public static Problem Busy(DataDir dir, SyncLockHolder? holder)
    {
        if (holder is null)
            return Problem.Of("sync.locked.unknown",
                $"another sync is running in the data folder {dir.Path}: wait for it to end, or use --wait <seconds>", dir.Path);
        var pid = holder.Pid.ToString(CultureInfo.InvariantCulture);
        var since = holder.Since.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return Problem.Of("sync.locked",
            $"another sync is running in the data folder {dir.Path}: process {pid} ('{holder.Command}') since {since}; wait for it to end, or use --wait <seconds>",
            dir.Path, pid, holder.Command, since);
    }

    public void Dispose()
    {
        lock (HeldHere)
        {
            try
            {
                _file.SetLength(0);
                _file.Flush();
                if (!OperatingSystem.IsMacOS()) _file.Unlock(LockedAt, 1);
            }
            catch (IOException) { }
            finally
            {
                _file.Dispose();
                HeldHere.Remove(_path);
            }
        }
    }
}
