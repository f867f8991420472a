using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// Turns Firebird's errors into problems a person can act on: the neutral "source.*" problems,
/// and the two that only a database file has (not a database, file missing). Messages name the
/// program, the file and the server; never a password or a connection string.
/// </summary>
public static class FirebirdProblems
{
    public const string Engine = "Firebird";

    // ISC status codes (Firebird's iberror.h)
    public const int IscLogin = 335544472;
    public const int IscIoError = 335544344;
    public const int IscIoOpen = 335544734;
    public const int IscNetwork = 335544721;
    public const int IscUnavailable = 335544375;
    public const int IscBadDbFormat = 335544323;
    public const int IscWrongOds = 335544379;
    public const int IscTableUnknown = 335544580;
    public const int IscColumnUnknown = 335544578;
    public const int IscReadOnlyTransaction = 335544361;
    public const int IscNoPrivilege = 335544352;
    public const int IscDatabaseCorrupt = 335544335;
    public const int IscLockTimeout = 335544510;
    public const int IscDeadlock = 335544336;
    public const int IscLockConflict = 335544345;
    public const int IscUpdateConflict = 335544451;
    /// <summary>"Database already opened with engine instance, incompatible with current": another engine (a server) has the file open.</summary>
    public const int IscAlreadyOpened = 335545107;

    /// <summary>True for the errors a connector expects from the outside world.</summary>
    public static bool IsExpected(Exception e) => e is FbException or IOException or UnauthorizedAccessException;

    /// <summary>What a Firebird error means, with the table or column it names.</summary>
    public static SqlFault Classify(Exception e)
    {
        var codes = Codes(e);
        var detail = SqlDialect.FirstLines(e);
        if (codes.Contains(IscLogin)) return new(FaultKind.Login, detail);
        if (codes.Contains(IscNetwork) || codes.Contains(IscUnavailable)) return new(FaultKind.Unreachable, detail);
        if (codes.Contains(IscWrongOds)) return new(FaultKind.Version, FirstLine(e));
        if (codes.Contains(IscTableUnknown)) return new(FaultKind.TableMissing, detail, After(e, "Table unknown"));
        if (codes.Contains(IscColumnUnknown)) return new(FaultKind.ColumnMissing, detail, After(e, "Column unknown"));
        if (codes.Contains(IscReadOnlyTransaction)) return new(FaultKind.ReadOnly, detail);
        if (codes.Contains(IscNoPrivilege)) return new(FaultKind.Privilege, detail);
        if (codes.Contains(IscLockTimeout) || codes.Contains(IscDeadlock) || codes.Contains(IscLockConflict)
            || codes.Contains(IscUpdateConflict) || codes.Contains(IscAlreadyOpened))
            return new(FaultKind.Locked, detail);
        if (codes.Contains(IscBadDbFormat) || codes.Contains(IscDatabaseCorrupt)
            || codes.Contains(IscIoError) || codes.Contains(IscIoOpen) || e is FileNotFoundException or DirectoryNotFoundException)
            return new(FaultKind.DatabaseMissing, detail);
        return new(FaultKind.Other, detail);
    }

    /// <summary>The problem for an error while attaching a database file.</summary>
    public static Problem OnOpen(string program, string path, FirebirdTarget target, Exception e)
    {
        var codes = Codes(e);
        string Cannot(string why) => $"{program}: cannot open {path}: {why}";
        if (codes.Contains(IscBadDbFormat) || codes.Contains(IscDatabaseCorrupt))
            return NotADatabase(program, path);
        if (target.Mode == FirebirdMode.Embedded && HeldByAnotherEngine(codes, e))
            return InUseByServer(program, path);
        if (codes.Contains(IscIoError) || codes.Contains(IscIoOpen) || e is FileNotFoundException or DirectoryNotFoundException)
            return Problem.Of("firebird.file-missing",
                Cannot(target.Mode == FirebirdMode.Server
                    ? $"file missing or not readable by the Firebird server {target.Where}: check the data folder"
                    : "file missing or not readable: check the data folder"),
                target.Mode == FirebirdMode.Server ? new[] { program, path, target.Where } : new[] { program, path });
        return SourceProblems.From(program, Engine, path, target.Where, target.User, Classify(e), opening: true);
    }

    /// <summary>
    /// The embedded engine cannot lock a file that another engine has open: the program's own
    /// Firebird server (Firebird 3 reports "Database already opened with engine instance,
    /// incompatible with current", or an I/O error of the "lock" operation).
    /// </summary>
    private static bool HeldByAnotherEngine(HashSet<int> codes, Exception e) =>
        codes.Contains(IscAlreadyOpened)
        || (codes.Contains(IscIoError) && e.Message.Contains("\"lock\" operation", StringComparison.Ordinal));

    /// <summary>Args: program, path, file name.</summary>
    public static Problem InUseByServer(string program, string path)
    {
        var name = Path.GetFileName(path);
        return Problem.Of("firebird.in-use", $"{program}: {path}: {name} is in use by the Firebird server: use server mode",
            program, path, name);
    }

    public static Problem NotADatabase(string program, string path) =>
        Problem.Of("firebird.not-a-database", $"{program}: cannot open {path}: not a Firebird database or damaged", program, path);

    public static Problem FileMissing(string program, string path) =>
        Problem.Of("firebird.file-missing", $"{program}: cannot open {path}: file missing or not readable: check the data folder",
            program, path);

    private static HashSet<int> Codes(Exception e)
    {
        var set = new HashSet<int>();
        for (var x = e; x is not null; x = x.InnerException)
            if (x is FbException fb)
            {
                set.Add(fb.ErrorCode);
                foreach (FbError err in fb.Errors) set.Add(err.Number);
            }
        return set;
    }

    /// <summary>The line after a marker line in the driver's message ("Table unknown" → "R3_DEKLARACJE").</summary>
    private static string? After(Exception e, string marker)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var at = Array.FindIndex(lines, l => l.Equals(marker, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < lines.Length ? lines[at + 1] : null;
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim();
}
