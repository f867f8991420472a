using KonektoSync.Load.Csv;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

public sealed class CsvTableTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private async Task<string[]> Written(params string[] cells)
    {
        var path = folder.File("t.csv");
        await CsvTable.Write(path, ["c"], cells.Select(c => (IReadOnlyList<string>)[c]), default);
        return File.ReadAllLines(path)[1..];
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+48 600 100 200", "'+48 600 100 200")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public async Task A_text_cell_starting_like_a_formula_is_written_as_text(string cell, string expected)
    {
        Assert.Equal([expected], await Written(cell));
    }

    [Theory]
    [InlineData("-12.50")]
    [InlineData("-7")]
    [InlineData("1234.50")]
    [InlineData("Kowalski = wspólnik")]
    [InlineData("")]
    public async Task Numbers_and_text_that_does_not_start_like_a_formula_are_written_unchanged(string cell)
    {
        Assert.Equal([cell], await Written(cell));
    }
}
