using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Tests.Extract.Kit.Example;

/// <summary>
/// The worked example of docs/adding-a-program.md: a program on a database server whose catalog
/// database lists one database per company. Tested on PostgreSQL, the stand-in for SQL Server; it
/// borrows the id of a program that has no connector yet (the product never registers it).
/// </summary>
public static class ExampleProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Optima, "Example", new ProfileSource("example", typeof(ExampleProgram).Assembly,
            "KonektoSync.Tests.Extract.Kit.Example.example.profile.json"),
        ServerEngine.PostgreSql, "catalog database listing the company databases", new Layout.ServerCatalog("catalog"))
    {
        FoldersInConfigFile = DatabaseIn,
        DetectValues = new Dictionary<string, string> { ["host"] = "127.0.0.1", ["user"] = "konekto" },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.Query("basic", Records.BasicData(ProgramId.Optima)),
            [DataKind.Taxes] = new KindReader.Query("taxes", Declaration),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.Optima)),
            [DataKind.Statements] = new KindReader.Unsupported("the example keeps no trial balance"),
        },
    };

    public static IProgramConnector Connector(DetectPlaces places) => new ProgramDriver(Definition, places);

    /// <summary>A declaration is made out for the last day of its month, stored as MMRRRR text.</summary>
    private static SourceRecord Declaration(ReadItem item, SourceRow r)
    {
        var period = r.Text("period") ?? "";
        DateOnly? date = DateOnly.TryParseExact(period, "MMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.AddMonths(1).AddDays(-1) : null;
        return new RawDeclaration(ProgramId.Optima, item.FirmKey, item.Firm, r.Text("id") ?? "", r.Text("formName") ?? "",
            date, r.Timestamp("createdAt"), r.Decimal("amount"));
    }

    /// <summary>The catalog database named by the program's settings file (a line "database=...").</summary>
    private static IEnumerable<string> DatabaseIn(string file) =>
        File.ReadLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == "database")
            .Select(p => p[1].Trim());
}
