using System.Text;

namespace KonektoSync.Host.Service;

/// <summary>What the Windows service of the worker is made of.</summary>
/// <param name="Command">The program and its first arguments (konektosync.exe, or dotnet.exe and the dll).</param>
/// <param name="DataDir">The data folder.</param>
/// <param name="Account">The account (LocalSystem, NT AUTHORITY\LocalService, .\konektosync, DOMAIN\user).</param>
/// <param name="Password">The account's password (none for the built-in accounts).</param>
public sealed record WindowsServiceSpec(IReadOnlyList<string> Command, string DataDir, string Account, string? Password)
{
    public const string Name = "KonektoSync";
    public const string DisplayName = "KonektoSync automatic update";
}

/// <summary>
/// The sc.exe calls that register and remove the Windows service
/// (https://learn.microsoft.com/windows-server/administration/windows-commands/sc-create): pure, one
/// argument per element (the process start quotes them). The service's command line (binPath=) is quoted
/// as CommandLineToArgvW reads it
/// (https://learn.microsoft.com/windows/win32/api/shellapi/nf-shellapi-commandlinetoargvw).
/// Compiled on every system; run only on Windows.
/// </summary>
public static class WindowsServiceCommands
{
    public static IReadOnlyList<string> Create(WindowsServiceSpec spec)
    {
        var args = new List<string>
        {
            "create", WindowsServiceSpec.Name,
            "binPath=", BinPath(spec),
            "start=", "auto",
            "obj=", spec.Account,
            "DisplayName=", WindowsServiceSpec.DisplayName,
        };
        if (spec.Password is not null) args.AddRange(["password=", spec.Password]);
        return args;
    }

    /// <summary>Restart after a failure: after 1 minute twice, then every 5 minutes; the count resets after a day.</summary>
    public static IReadOnlyList<string> Failure() =>
        ["failure", WindowsServiceSpec.Name, "reset=", "86400", "actions=", "restart/60000/restart/60000/restart/300000"];

    public static IReadOnlyList<string> Description() =>
        ["description", WindowsServiceSpec.Name, "Keeps the office panel up to date from the accounting programs (konektosync service run)"];

    public static IReadOnlyList<string> Stop() => ["stop", WindowsServiceSpec.Name];

    public static IReadOnlyList<string> Delete() => ["delete", WindowsServiceSpec.Name];

    /// <summary>The service's command line: the command, then service run --data-dir DIR.</summary>
    public static string BinPath(WindowsServiceSpec spec) =>
        string.Join(' ', spec.Command.Concat(["service", "run", "--data-dir", spec.DataDir.TrimEnd('\\')]).Select(Quote));

    /// <summary>One argument as CommandLineToArgvW reads it back: quoted when it holds a space, a tab or a quote; backslashes before a quote doubled.</summary>
    public static string Quote(string arg)
    {
        if (arg.Length > 0 && !arg.Any(c => c is ' ' or '\t' or '"')) return arg;
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in arg)
        {
            if (c == '\\') { backslashes++; continue; }
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
