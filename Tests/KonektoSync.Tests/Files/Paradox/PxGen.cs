using System.Diagnostics;
using KonektoSync.Tests;

namespace KonektoSync.Tests.Files.Paradox;

/// <summary>
/// The pxlib-based generator (oracle/pxgen.c), compiled once per test run into a temp folder.
/// Missing gcc, pkg-config or pxlib fail the tests with the Debian package to install.
/// </summary>
public static class PxGen
{
    private static readonly Lazy<string> Executable = new(() => Compile("pxgen"));
    private static readonly Lazy<string> Dumper = new(() => Compile("pxdump"));
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

    /// <summary>What pxlib reads from a table (oracle/pxdump.c): header, fields and every record.</summary>
    public static PxDump Dump(string path)
    {
        var text = Run(Dumper.Value, $"\"{path}\"", "pxdump");
        return PxDump.Parse(text);
    }

    private static string Compile(string name)
    {
        var source = Path.Combine(TestRepository.Root, "Tests", "KonektoSync.Tests", "Files", "Paradox", "oracle", name + ".c");
        var flags = Run("pkg-config", "--cflags --libs pxlib",
            "pkg-config and pxlib (Debian packages pkg-config and pxlib-dev)").Trim();
        var output = Path.Combine(Work, name);
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

/// <summary>
/// A table as pxlib read it: alpha values as raw bytes (decoded by <see cref="Text"/> in a code page),
/// numbers as doubles, dates as day numbers (1 = 1 January 1 AD), S/I as integers, L as 0/1; null as null.
/// </summary>
public sealed record PxDump(string TableName, int Records, int CodePage, IReadOnlyList<(string Name, string Type, int Size)> Fields,
    IReadOnlyList<string?[]> Rows)
{
    public static PxDump Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        var table = lines.Single(l => l[0] == "table");
        var fields = lines.Where(l => l[0] == "field").Select(l => (l[1], l[2], int.Parse(l[3], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var rows = lines.Where(l => l[0] == "row").Select(l => l.Skip(1).Select(v => v == "-" ? null : v).ToArray()).ToList();
        return new PxDump(table[1], int.Parse(table[2], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(table[4], System.Globalization.CultureInfo.InvariantCulture), fields, rows);
    }

    /// <summary>The value of an alpha field, its bytes decoded in the code page.</summary>
    public static string? Text(string? hex, System.Text.Encoding encoding) =>
        hex is null ? null : encoding.GetString(Convert.FromHexString(hex));

    /// <summary>A value as the reader returns it for a field of the type (string, double, decimal, DateOnly, int, bool).</summary>
    public object? Value(int row, int field, System.Text.Encoding encoding)
    {
        var raw = Rows[row][field];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (raw is null) return null;
        return Fields[field].Type switch
        {
            "A" => Text(raw, encoding),
            "N" => double.Parse(raw, inv),
            "$" => (decimal)double.Parse(raw, inv),
            "D" => DateOnly.FromDayNumber(int.Parse(raw, inv) - 1),
            "L" => raw == "1",
            _ => (object)int.Parse(raw, inv),
        };
    }
}
