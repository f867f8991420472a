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
        if (r.StartsWith("dpapi:", StringComparison.Ordinal))
            return OperatingSystem.IsWindows()
                ? Unprotect(r[6..], programName)
                : Left<Problem, Option<Secret>>(Problem.Of("secret.dpapi-not-here",
                    $"{programName}: the password is protected with Windows DPAPI and can only be read on the Windows machine that protected it: set it again with --password-env or --password-file",
                    programName));
        return Left<Problem, Option<Secret>>(Problem.Of("secret.reference",
            $"{programName}: the password must be given as env:VARIABLE or file:PATH, never in plain text",
            programName));
    }

    /// <summary>Windows: protects a password for this machine (the service and the CLI can both read it).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    public static string Protect(string password) =>
        "dpapi:" + Convert.ToBase64String(System.Security.Cryptography.ProtectedData.Protect(
            System.Text.Encoding.UTF8.GetBytes(password), null,
            System.Security.Cryptography.DataProtectionScope.LocalMachine));

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static Either<Problem, Option<Secret>> Unprotect(string base64, string programName)
    {
        try
        {
            var bytes = System.Security.Cryptography.ProtectedData.Unprotect(Convert.FromBase64String(base64), null,
                System.Security.Cryptography.DataProtectionScope.LocalMachine);
            return Right<Problem, Option<Secret>>(Some(new Secret(System.Text.Encoding.UTF8.GetString(bytes))));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return Left<Problem, Option<Secret>>(Problem.Of("secret.dpapi",
                $"{programName}: the protected password cannot be read on this machine: set it again with --password-dpapi",
                programName));
        }
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
