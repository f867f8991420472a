using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// Turns the driver's errors into problems a person can act on. Messages name the program, the
/// file and the server; never a password or a connection string.
/// </summary>
public static class FirebirdProblems
{
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

    /// <summary>True for the errors a connector expects from the outside world.</summary>
    public static bool IsExpected(Exception e) => e is FbException or IOException or UnauthorizedAccessException;

    public static Problem OnOpen(string program, string path, FirebirdTarget target, Exception e)
    {
        var codes = Codes(e);
        string Cannot(string why) => $"{program}: cannot open {path}: {why}";
        if (codes.Contains(IscLogin))
            return Problem.Of("firebird.login", Cannot($"login refused for {target.User}: check the user and password"),
                program, path, target.User);
        if (codes.Contains(IscNetwork) || codes.Contains(IscUnavailable))
            return Problem.Of("firebird.unreachable",
                Cannot($"Firebird server {target.Where} unreachable: check that it runs and the host and port"),
                program, path, target.Where, "open");
        if (codes.Contains(IscWrongOds))
            return Problem.Of("firebird.ods",
                Cannot($"the file was written by another Firebird version; this installation has Firebird 3 ({FirstLine(e)})"),
                program, path, FirstLine(e), "", "driver");
        if (codes.Contains(IscBadDbFormat) || codes.Contains(IscDatabaseCorrupt))
            return Problem.Of("firebird.not-a-database", Cannot("not a Firebird database or damaged"), program, path);
        if (codes.Contains(IscIoError) || codes.Contains(IscIoOpen) || e is FileNotFoundException or DirectoryNotFoundException)
            return Problem.Of("firebird.file-missing",
                Cannot(target.Mode == FirebirdMode.Server
                    ? $"file missing or not readable by the Firebird server {target.Where}: check the data folder"
                    : "file missing or not readable: check the data folder"),
                target.Mode == FirebirdMode.Server ? new[] { program, path, target.Where } : new[] { program, path });
        return OnQuery(program, path, e);
    }

    public static Problem OnQuery(string program, string path, Exception e)
    {
        var codes = Codes(e);
        if (codes.Contains(IscTableUnknown) || codes.Contains(IscColumnUnknown))
            return Problem.Of("firebird.schema",
                $"{program}: {path}: {FirstLines(e)}: program version older than supported", program, path, FirstLines(e));
        if (codes.Contains(IscReadOnlyTransaction))
            return Problem.Of("firebird.read-only", $"{program}: {path}: a write was refused (reads are read-only)",
                program, path);
        if (codes.Contains(IscNoPrivilege))
            return Problem.Of("firebird.privilege", $"{program}: {path}: no privilege to read: {FirstLines(e)}",
                program, path, FirstLines(e));
        if (codes.Contains(IscNetwork))
            return Problem.Of("firebird.unreachable", $"{program}: {path}: the connection to the server was lost",
                program, path, "", "lost");
        return Problem.Of("firebird.error", $"{program}: {path}: {FirstLines(e)}", program, path, FirstLines(e));
    }

    public static Problem TableMissing(string program, string path, string table) =>
        Problem.Of("firebird.table-missing", $"{program}: table {table} missing in {path}: program version older than supported",
            program, table, path);

    public static Problem ColumnsMissing(string program, string path, string table, IEnumerable<string> columns)
    {
        var list = string.Join(", ", columns);
        return Problem.Of("firebird.column-missing",
            $"{program}: table {table} in {path} lacks columns {list}: program version older than supported",
            program, table, list, path);
    }

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

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim();

    private static string FirstLines(Exception e) =>
        string.Join("; ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("SQL error code", StringComparison.Ordinal)
                && !l.StartsWith("Dynamic SQL Error", StringComparison.Ordinal)
                && !l.StartsWith("At line", StringComparison.Ordinal)));
}
