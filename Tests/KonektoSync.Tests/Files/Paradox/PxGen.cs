using System.Diagnostics;
using KonektoSync.Tests;

namespace KonektoSync.Tests.Files.Paradox;

/// <summary>
/// The pxlib-based generator (oracle/pxgen.c), compiled once per test run into a temp folder.
/// Missing gcc, pkg-config or pxlib fail the tests with the Debian package to install.
/// </summary>
public static class PxGen
{
    private static readonly Lazy<string> Executable = new(Compile);
    private static readonly string Work =
        Directory.CreateTempSubdirectory("konektosync-pxgen-").FullName;

    /// <summary>A table with a column of every type and <paramref name="rows"/> rows (see ParadoxOracle).</summary>
    public static string Types(int rows) => Generate($"types-{rows}.db", "types", rows.ToString());

    /// <summary>A three-row table of Polish text in code page 852 or 1250.</summary>
    public static string Text(int codePage) => Generate($"text-{codePage}.db", "text", codePage.ToString());

    /// <summary>A copy of a generated table that a test may change.</summary>
    public static string Copy(string generated, string name)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("konektosync-px-").FullName, name);
        File.Copy(generated, copy);
        return copy;
    }

    private static readonly object Gate = new();

    private static string Generate(string name, string kind, string argument)
    {
        var path = Path.Combine(Work, name);
        lock (Gate)
        {
            if (!File.Exists(path)) Run(Executable.Value, $"{kind} \"{path}\" {argument}", "pxgen");
        }
        return path;
    }

    private static string Compile()
    {
        var source = Path.Combine(TestRepository.Root, "Tests", "KonektoSync.Tests", "Files", "Paradox", "oracle", "pxgen.c");
        var flags = Run("pkg-config", "--cflags --libs pxlib",
            "pkg-config and pxlib (Debian packages pkg-config and pxlib-dev)").Trim();
        var output = Path.Combine(Work, "pxgen");
        Run("gcc", $"-O2 -o \"{output}\" \"{source}\" {flags}", "gcc (Debian package gcc) with pxlib-dev");
        return output;
    }

    private static string Run(string program, string arguments, string needs)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {program}: install {needs} ({e.Message})", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"{program} {arguments} failed ({process.ExitCode}): {stderr.Result}; install {needs}");
            return stdout;
        }
    }
}
