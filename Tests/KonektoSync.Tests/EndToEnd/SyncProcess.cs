using System.Diagnostics;
using System.Text;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// `konektosync sync` of the year 2024 started as its own process, with what it prints kept and
/// <see cref="Started"/> completed when it prints its first "Sync:" line.
/// </summary>
internal sealed record SyncProcess(Process Process, StringBuilder Out, TaskCompletionSource Started)
{
    private static readonly string Dll = typeof(KonektoSync.Host.Cli.CliApp).Assembly.Location;
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p ? p : "dotnet";

    public static SyncProcess Start(string dataDir) =>
        Start(["sync", "--from", "2024-01", "--to", "2024-12", "--data-dir", dataDir, "--lang", "en"], "Sync:");

    /// <summary>Any konektosync command as its own process; <see cref="Started"/> completes on its first line starting with <paramref name="startedLine"/>.</summary>
    public static SyncProcess Start(IEnumerable<string> args, string startedLine)
    {
        var info = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args.Prepend(Dll))
            info.ArgumentList.Add(a);
        var text = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            lock (text) text.AppendLine(e.Data);
            if (e.Data?.StartsWith(startedLine, StringComparison.Ordinal) == true) started.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (text) text.AppendLine(e.Data);
            if (e.Data?.StartsWith(startedLine, StringComparison.Ordinal) == true) started.TrySetResult();
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SyncProcess(process, text, started);
    }
}
