using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Paradox;

namespace KonektoSync.Tests.Extract.Programs.Files;

/// <summary>
/// Test-only changes to a Paradox table's structure, as a program's other version would have it: the
/// table read whole and written again (A, N, $, D, S, I, L fields) with a column renamed or left out.
/// </summary>
public static class ParadoxEdit
{
    public static void RenameColumn(string path, string column, string to) =>
        Rewrite(path, (name, kind) => string.Equals(name, column, StringComparison.OrdinalIgnoreCase) ? to : name);

    public static void DropColumn(string path, string column) =>
        Rewrite(path, (name, _) => string.Equals(name, column, StringComparison.OrdinalIgnoreCase) ? null : name);

    private static void Rewrite(string path, Func<string, ParadoxFieldKind, string?> rename)
    {
        ParadoxWriter writer;
        using (var table = ParadoxTable.Open(path, ParadoxOptions.Default).Match(t => t, f => throw new InvalidOperationException(f.ToString())))
        {
            writer = new ParadoxWriter(table.Header.CodePage);
            var kept = new List<int>();
            for (var i = 0; i < table.Header.Fields.Count; i++)
            {
                var f = table.Header.Fields[i];
                if (rename(f.Name, f.Kind) is not { } name) continue;
                writer.Field(name, f.Kind, f.Length);
                kept.Add(i);
            }
            foreach (var row in table.Rows(new ReadCounts()))
                writer.Record(kept.Select(i => row.Values![i]).ToArray());
        }
        File.Delete(path);
        writer.WriteTo(path);
    }
}
