using System.Diagnostics;

namespace KonektoSync.Tests.Files.Dbf;

/// <summary>
/// DBF fixtures written at test time by python-dbf (oracle/make_dbf.py), so the reader is checked
/// against a writer that is not ours. Needs the Debian package python3-dbf.
/// </summary>
public sealed class DbfOracle : IDisposable
{
    private const string Python = "/usr/bin/python3";

    public DbfOracle()
    {
        Directory = Path.Combine(Path.GetTempPath(), "konektosync-dbf-oracle-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var (code, output) = Run("-c", "import dbf");
        if (code != 0)
            throw new InvalidOperationException(
                $"{Python} cannot import dbf: install the Debian package python3-dbf (scripts/install-deps.sh does). {output}");
        (code, output) = Run(ScriptPath(), Directory);
        if (code != 0)
            throw new InvalidOperationException($"make_dbf.py failed ({code}): {output}");
    }

    public string Directory { get; }

    public string Table(string name) => Path.Combine(Directory, name + ".dbf");

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"cannot start {Python}: install python3 and python3-dbf");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            return (-1, "timed out after 60 s");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string ScriptPath()
    {
        const string relative = "Tests/KonektoSync.Tests/Files/Dbf/oracle/make_dbf.py";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
