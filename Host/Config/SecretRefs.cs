using KonektoSync.Domain;
using KonektoSync.Extract;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Config;

/// <summary>
/// Passwords are kept in konektosync.json only as protected references:
/// "env:VARIABLE" (an environment variable of the service), "file:/path" (a file readable by
/// its owner only, checked), and on Windows "dpapi:BASE64" (see docs/STATUS.md).
/// The secret itself never reaches a log, an event, --json output or an error message.
/// </summary>
public static class SecretRefs
{
    public static Either<Problem, Option<Secret>> Resolve(string? reference, string programName)
    {
        if (string.IsNullOrWhiteSpace(reference)) return Right<Problem, Option<Secret>>(None);
        var r = reference.Trim();
        if (r.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = r[4..];
            var value = Environment.GetEnvironmentVariable(name);
            return value is null
                ? Left<Problem, Option<Secret>>(Problem.Of("secret.env-missing",
                    $"{programName}: the password variable {name} is not set in this environment: set it for the service",
                    programName, name))
                : Right<Problem, Option<Secret>>(Some(new Secret(value)));
        }
        if (r.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = r[5..];
            if (!File.Exists(path))
                return Left<Problem, Option<Secret>>(Problem.Of("secret.file-missing",
                    $"{programName}: the password file {path} does not exist", programName, path));
            if (!OperatingSystem.IsWindows() && !OwnerOnly(path))
                return Left<Problem, Option<Secret>>(Problem.Of("secret.file-open",
                    $"{programName}: the password file {path} is readable by others: run 'chmod 600 {path}'",
                    programName, path));
            return Right<Problem, Option<Secret>>(Some(new Secret(File.ReadAllText(path).TrimEnd('\r', '\n'))));
        }
        return Left<Problem, Option<Secret>>(Problem.Of("secret.reference",
            $"{programName}: the password must be given as env:VARIABLE or file:PATH, never in plain text",
            programName));
    }

    public static bool OwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (mode & others) == 0;
    }
}
