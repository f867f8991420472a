using System.Text.Json;
using System.Text.Json.Serialization;
using KonektoSync.Host.Config;

namespace KonektoSync.Host.Worker;

/// <summary>The last run of the worker, as worker.json keeps it.</summary>
public sealed record WorkerRun(
    string RunId, DateTimeOffset Start, DateTimeOffset End, double DurationSeconds, int GroupsLoaded, int GroupsFailed,
    int Warnings, string Outcome, IReadOnlyList<string> Programs);

/// <summary>A program that failed: how many runs in a row, and when it is tried again.</summary>
public sealed record WorkerBackoff(int Failures, DateTimeOffset RetryAfter);

/// <summary>
/// <c>&lt;data&gt;/worker.json</c> (0600, replaced whole): the worker's pid, state (idle, running,
/// stopping, stopped), when it started, its last run, its next run and the programs in backoff.
/// </summary>
public sealed record WorkerState(
    int Pid, string State, DateTimeOffset Started, WorkerRun? LastRun, DateTimeOffset? NextRun,
    IReadOnlyDictionary<string, WorkerBackoff> Backoff, string? Note)
{
    public const string FileName = "worker.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string PathOf(DataDir dir) => Path.Combine(dir.Path, FileName);

    /// <summary>Writes the file beside and moves it over the old one, so a reader sees the old or the new state, whole.</summary>
    public void Save(DataDir dir)
    {
        var path = PathOf(dir);
        var tmp = path + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(tmp, options))
        {
            JsonSerializer.Serialize(file, this, Json);
            file.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The state a worker left, or null when there is none or it cannot be read.</summary>
    public static WorkerState? Load(DataDir dir)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkerState>(File.ReadAllText(PathOf(dir)), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }
}
