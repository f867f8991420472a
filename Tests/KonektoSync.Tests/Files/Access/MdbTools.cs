using System.Diagnostics;
using System.Text;
using KonektoSync.Tests;

namespace KonektoSync.Tests.Files.Access;

/// <summary>
/// The mdbtools command-line programs, an oracle independent of the ODBC path, and the shared
/// Access fixtures they read.
/// </summary>
public static class MdbTools
{
    public static string Fixture(string name) => Path.Combine(TestRepository.Fixtures("access"), name);

    public static long Count(string database, string table) => long.Parse(Run("mdb-count", database, table).Trim());

    public static string[] Tables(string database) =>
        Run("mdb-tables", "-1", database).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The table as CSV rows (header first), dates as yyyy-MM-dd HH:mm:ss.</summary>
    public static List<string[]> Export(string database, string table) =>
        Csv(Run("mdb-export", "-D", "%Y-%m-%d %H:%M:%S", "-T", "%Y-%m-%d %H:%M:%S", database, table));

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {program}: install mdbtools (Debian package mdbtools)", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result}");
            return stdout;
        }
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') { quoted = true; any = true; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); any = true; }
            else if (c == '\n')
            {
                fields.Add(field.ToString()); field.Clear();
                rows.Add(fields.ToArray()); fields.Clear(); any = false;
            }
            else if (c != '\r') { field.Append(c); any = true; }
        }
        if (any) { fields.Add(field.ToString()); rows.Add(fields.ToArray()); }
        return rows;
    }
}
