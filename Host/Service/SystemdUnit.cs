using System.Text;
using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Service;

/// <summary>What the systemd unit of the worker is made of.</summary>
/// <param name="Command">The program and its first arguments (the binary, or dotnet and the dll).</param>
/// <param name="DataDir">The data folder (absolute): the working directory, the only writable path.</param>
/// <param name="User">The account the worker runs as.</param>
/// <param name="ProgramPaths">The configured programs' data folders, mounted read-only.</param>
public sealed record UnitSpec(IReadOnlyList<string> Command, string DataDir, string User, IReadOnlyList<string> ProgramPaths)
{
    public const string Name = "konektosync";
    public const int RestartSeconds = 30;
    public const int StopSeconds = 300;
}

/// <summary>
/// The systemd unit of the worker (<c>konektosync service run</c>), built as text by one pure function.
/// Values are written as systemd.syntax(7) reads them
/// (https://www.freedesktop.org/software/systemd/man/latest/systemd.syntax.html): a command line's and a
/// path list's words in double quotes with C escapes (<c>\\</c>, <c>\"</c>), <c>%</c> doubled (specifiers,
/// systemd.unit(5)), <c>$</c> doubled in the command line (variable expansion, systemd.service(5)); a
/// control character cannot be written and is a problem.
/// </summary>
public static class SystemdUnit
{
    public static Either<Problem, string> Build(UnitSpec spec)
    {
        var all = spec.Command.Append(spec.DataDir).Concat(spec.ProgramPaths).Append(spec.User);
        if (all.FirstOrDefault(v => v.Any(char.IsControl)) is { } bad)
            return Left<Problem, string>(Problem.Of("service.unit-value",
                $"'{bad.Replace("\n", "\\n")}' holds a control character, which a systemd unit cannot hold", bad.Replace("\n", "\\n")));
        if (all.Take(spec.Command.Count + 1).Concat(spec.ProgramPaths).FirstOrDefault(p => !p.StartsWith('/')) is { } relative)
            return Left<Problem, string>(Problem.Of("service.unit-path",
                $"'{relative}' is not an absolute path: a systemd unit needs absolute paths", relative));
        if (!IsUserName(spec.User))
            return Left<Problem, string>(Problem.Of("service.user-name",
                $"'{spec.User}' is not a user name a unit can run as (letters, digits, '-', '_', '.', not first a digit or '-')", spec.User));
        return Right<Problem, string>(Text(spec));
    }

    private static string Text(UnitSpec spec)
    {
        var home = spec.ProgramPaths.Append(spec.DataDir).Any(UnderHome);
        var state = StateDirectoryOf(spec.DataDir);
        var execStart = string.Join(' ', spec.Command.Select(ExecWord).Concat(
            ["service", "run", "--data-dir", ExecWord(spec.DataDir)]));
        var unit = new StringBuilder()
            .AppendLine("# konektosync: the automatic update (written by 'konektosync service install')")
            .AppendLine("[Unit]")
            .AppendLine("Description=KonektoSync automatic update of the office panel")
            .AppendLine("After=network-online.target")
            .AppendLine("Wants=network-online.target")
            .AppendLine()
            .AppendLine("[Service]")
            .AppendLine("Type=notify")
            .AppendLine($"ExecStart={execStart}")
            .AppendLine($"User={spec.User}")
            .AppendLine($"WorkingDirectory={Percent(spec.DataDir)}");
        if (state is not null)
            unit.AppendLine($"StateDirectory={state}").AppendLine("StateDirectoryMode=0700");
        // the embedded Firebird engine's own root (EngineRoot) lives in the user's cache folder, which
        // ProtectHome/ProtectSystem would leave unwritable: a private cache folder of the unit instead
        // (/var/cache/konektosync, made by systemd for the user; %C is /var/cache for a system unit)
        unit.AppendLine("CacheDirectory=konektosync").AppendLine("CacheDirectoryMode=0700")
            .AppendLine("Environment=XDG_CACHE_HOME=%C");
        unit.AppendLine("Restart=on-failure")
            .AppendLine($"RestartSec={UnitSpec.RestartSeconds}")
            .AppendLine($"TimeoutStopSec={UnitSpec.StopSeconds}")
            .AppendLine("UMask=0077")
            .AppendLine("NoNewPrivileges=yes")
            .AppendLine("PrivateTmp=yes")
            .AppendLine("PrivateDevices=yes")
            .AppendLine("ProtectSystem=strict")
            .AppendLine($"ProtectHome={(home ? "read-only" : "yes")}")
            .AppendLine("ProtectKernelTunables=yes")
            .AppendLine("ProtectKernelModules=yes")
            .AppendLine("ProtectControlGroups=yes")
            .AppendLine("RestrictSUIDSGID=yes")
            .AppendLine("LockPersonality=yes")
            .AppendLine($"ReadWritePaths={PathWord(spec.DataDir)}");
        if (spec.ProgramPaths.Count > 0)
            unit.AppendLine($"ReadOnlyPaths={string.Join(' ', spec.ProgramPaths.Distinct(StringComparer.Ordinal).Select(p => "-" + PathWord(p)))}");
        return unit.AppendLine()
            .AppendLine("[Install]")
            .AppendLine("WantedBy=multi-user.target")
            .ToString();
    }

    /// <summary>A word of ExecStart=: quoted, C escapes, specifiers and variables escaped.</summary>
    public static string ExecWord(string value) => Quoted(value.Replace("$", "$$"));

    /// <summary>A path of a path list (ReadWritePaths=, ReadOnlyPaths=): quoted, C escapes, specifiers escaped.</summary>
    public static string PathWord(string value) => Quoted(value);

    private static string Quoted(string value) =>
        "\"" + Percent(value.Replace("\\", "\\\\").Replace("\"", "\\\"")) + "\"";

    private static string Percent(string value) => value.Replace("%", "%%");

    /// <summary>/var/lib/NAME: systemd makes it, owned by the user (StateDirectory=NAME); else none.</summary>
    public static string? StateDirectoryOf(string dataDir)
    {
        var trimmed = dataDir.TrimEnd('/');
        const string varLib = "/var/lib/";
        if (!trimmed.StartsWith(varLib, StringComparison.Ordinal)) return null;
        var name = trimmed[varLib.Length..];
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name[0] != '.' ? name : null;
    }

    private static bool UnderHome(string path) =>
        path == "/home" || path.StartsWith("/home/", StringComparison.Ordinal)
        || path == "/root" || path.StartsWith("/root/", StringComparison.Ordinal);

    public static bool IsUserName(string user) =>
        user.Length is > 0 and <= 32 && !char.IsAsciiDigit(user[0]) && user[0] != '-'
        && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
