using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

/// <summary>Test helpers: open a table, read all rows, fail the test on an open fault.</summary>
internal static class DbfRead
{
    public static DbfTable OpenOrFail(string path, DbfOptions? options = null) =>
        DbfTable.Open(path, options).Match(
            Right: t => t,
            Left: f => throw new Xunit.Sdk.XunitException($"open failed: {f}"));

    public static FileFault FaultOrFail(string path, DbfOptions? options = null) =>
        DbfTable.Open(path, options).Match(
            Right: t => { t.Dispose(); throw new Xunit.Sdk.XunitException("open succeeded, a fault was expected"); },
            Left: f => f);

    public static (List<FileRow> Rows, ReadCounts Counts) All(DbfTable table)
    {
        var counts = new ReadCounts();
        var rows = table.Rows(counts).ToList();
        return (rows, counts);
    }

    public static object?[] Values(this FileRow row) =>
        row.Values ?? throw new Xunit.Sdk.XunitException($"row fault: {row.Fault}");

    public static object? Column(this DbfTable table, FileRow row, string name)
    {
        var index = table.Columns.Select((c, i) => (c, i)).Single(x => x.c.Name == name).i;
        return row.Values()[index];
    }
}
