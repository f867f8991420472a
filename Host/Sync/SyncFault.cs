using KonektoSync.Domain;

namespace KonektoSync.Host.Sync;

/// <summary>The files a sync writes, as a fault names them.</summary>
public enum FaultPlace
{
    /// <summary>konektosync.db: firms found, runs, event log, journal and outbox.</summary>
    State,
    /// <summary>panel.db: the local panel.</summary>
    Panel,
    /// <summary>The folder of a dry run's CSV files.</summary>
    DryRun,
}

/// <summary>
/// An infrastructure fault of a sync: the file it happened in and the exception. It ends the sync;
/// the shell turns it into one error event with a remedy (<see cref="SyncFaults.Describe"/>).
/// </summary>
public sealed class SyncFault(FaultPlace place, string path, Exception inner)
    : Exception($"{place} ({path}): {inner.GetType().Name}", inner)
{
    public FaultPlace Place { get; } = place;
    public string Path { get; } = path;
}

/// <summary>Marks the file an I/O step works on, and describes a fault for the user.</summary>
public static class SyncFaults
{
    /// <summary>Runs a step on a file; an exception other than the requested cancellation becomes a <see cref="SyncFault"/>.</summary>
    public static async Task<T> At<T>(FaultPlace place, string path, Func<Task<T>> step, CancellationToken cancel)
    {
        try { return await step(); }
        catch (Exception e) when (Escapes(e, cancel)) { throw new SyncFault(place, path, e); }
    }

    public static async Task At(FaultPlace place, string path, Func<Task> step, CancellationToken cancel)
    {
        try { await step(); }
        catch (Exception e) when (Escapes(e, cancel)) { throw new SyncFault(place, path, e); }
    }

    public static T At<T>(FaultPlace place, string path, Func<T> step)
    {
        try { return step(); }
        catch (Exception e) when (Escapes(e, CancellationToken.None)) { throw new SyncFault(place, path, e); }
    }

    private static bool Escapes(Exception e, CancellationToken cancel) =>
        e is not SyncFault && !(e is OperationCanceledException && cancel.IsCancellationRequested);

    /// <summary>
    /// The error event of a fault that ended a sync: which file, what happened (exception type and
    /// its message without connection-string parts) and what to do. A fault not tied to a file
    /// names <paramref name="logDir"/>, the folder of the log files to report. A fault of a
    /// database under another command than the sync (<paramref name="command"/>, e.g.
    /// "firms --refresh" or "programs check") names that command.
    /// </summary>
    public static SyncEvent Describe(Exception fault, string logDir, string command = "sync")
    {
        if (command != "sync" && fault is SyncFault { Place: FaultPlace.State or FaultPlace.Panel } other)
            return DescribeOf(other, command);
        var (code, path, cause) = fault is SyncFault f
            ? (f.Place switch
            {
                FaultPlace.State => "sync.fault.state",
                FaultPlace.Panel => "sync.fault.panel",
                _ => "sync.fault.dry-run",
            }, f.Path, f.InnerException ?? f)
            : ("sync.fault.unexpected", logDir, fault);
        var type = cause.GetType().Name;
        var message = SyncPipeline.Redact(cause.Message);
        var (text, remedy) = code switch
        {
            "sync.fault.state" => ($"the state database {path} could not be used ({type}: {message}); the sync stopped",
                $"Check that {path} is not open in another program, that its folder is writable and the disk not full, " +
                "then run the sync again: what was loaded is whole. If the file is damaged, move it away and run " +
                "'konektosync firms --refresh'."),
            "sync.fault.panel" => ($"the panel database {path} could not be used ({type}: {message}); the sync stopped",
                $"Close programs that hold {path} open (another konektosync, a database viewer), check that the disk is " +
                "not full, then run the sync again: what was staged is delivered first. If the file is damaged, restore it " +
                "from a backup."),
            "sync.fault.dry-run" => ($"the dry-run folder {path} could not be written ({type}: {message}); the sync stopped",
                "Give --dry-run a folder you can write to."),
            _ => ($"konektosync stopped on an unexpected error ({type}: {message})",
                $"Run the command again; if it happens again, report the error (Zgłoś błąd) with the log files in {path}."),
        };
        return SyncEvent.Of(Severity.Error, code, text, remedy, args: [path, type, message]);
    }

    private static SyncEvent DescribeOf(SyncFault f, string command)
    {
        var cause = f.InnerException ?? f;
        var type = cause.GetType().Name;
        var message = SyncPipeline.Redact(cause.Message);
        return f.Place == FaultPlace.State
            ? SyncEvent.Of(Severity.Error, "command.fault.state",
                $"the state database {f.Path} could not be used ({type}: {message}); 'konektosync {command}' stopped",
                $"Check that {f.Path} is not open in another program, that its folder is writable and the disk not full, " +
                $"then run 'konektosync {command}' again.", args: [f.Path, type, message, command])
            : SyncEvent.Of(Severity.Error, "command.fault.panel",
                $"the panel database {f.Path} could not be used ({type}: {message}); 'konektosync {command}' stopped",
                $"Close programs that hold {f.Path} open (another konektosync, a database viewer), check that the disk " +
                $"is not full, then run 'konektosync {command}' again.", args: [f.Path, type, message, command]);
    }
}
