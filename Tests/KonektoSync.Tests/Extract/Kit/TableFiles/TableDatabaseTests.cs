using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using KonektoSync.Tests.Files.Dbf;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit.TableFiles;

/// <summary>
/// One folder of tables read by several queries in one sync: each table file is decoded once
/// while it stays as it was, and read again as soon as it changed.
/// </summary>
public sealed class TableDatabaseTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-tabledb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Encoding Cp1250()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1250);
    }

    private string WriteDeclarations(string amount)
    {
        new DbfBytes(Cp1250()) { LanguageDriver = 0xC8 }.Field("FORM", 'C', 10).Field("ROK", 'N', 4)
            .Field("MIESIAC", 'N', 2).Field("KWOTA", 'N', 12, 2).Field("DATA", 'D', 8)
            .Record("VAT-7", "2024", "3", amount, "20240331").WriteTo(_dir, "DEKL.DBF");
        return Path.Combine(_dir, "DEKL.DBF");
    }

    private static ProgramProfile Profile() => Right(ProgramProfile.Load(ProgramId.SuperKsiegaPodatkowa, "yearly",
        typeof(TableDatabaseTests).Assembly, "KonektoSync.Tests.Extract.Kit.TableFiles.yearly.profile.json", null));

    private static async Task<List<decimal?>> Amounts(TableDatabase db, ProgramProfile profile)
    {
        var live = Right(await db.Tables(None));
        var query = profile.Query("taxes").Case as QuerySpec ?? throw new InvalidOperationException("no taxes query");
        var run = new QueryRun("F", Nip("5260250995"), Month(2024, 1), Month(2024, 12));
        var amounts = new List<decimal?>();
        await foreach (var row in db.Rows(query, profile, live, run, "Yearly", None))
        {
            Assert.Null(row.Fault);
            amounts.Add(row.Value.Decimal("amount"));
        }
        return amounts;
    }

    [Fact]
    public async Task A_table_whose_file_stays_as_it_was_is_decoded_once_per_database()
    {
        var file = WriteDeclarations("100.50");
        var profile = Profile();
        await using var db = new TableDatabase(Right(TableFolderSession.Folder("Yearly", _dir, EncodingOption.Auto)));
        Assert.Equal(new decimal?[] { 100.50m }, await Amounts(db, profile));

        // the same length, header and write time with another amount: only a cached read still gives the first amount
        var written = File.GetLastWriteTimeUtc(file);
        var bytes = File.ReadAllBytes(file);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("100.50", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("200.50").CopyTo(bytes, at);
        File.WriteAllBytes(file, bytes);
        File.SetLastWriteTimeUtc(file, written);

        Assert.Equal(new decimal?[] { 100.50m }, await Amounts(db, profile));
        await using var fresh = new TableDatabase(Right(TableFolderSession.Folder("Yearly", _dir, EncodingOption.Auto)));
        Assert.Equal(new decimal?[] { 200.50m }, await Amounts(fresh, profile));
    }

    [Fact]
    public async Task A_table_file_written_between_two_queries_is_read_again()
    {
        var file = WriteDeclarations("100.50");
        var profile = Profile();
        await using var db = new TableDatabase(Right(TableFolderSession.Folder("Yearly", _dir, EncodingOption.Auto)));
        Assert.Equal(new decimal?[] { 100.50m }, await Amounts(db, profile));

        WriteDeclarations("300.75");
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(5));

        Assert.Equal(new decimal?[] { 300.75m }, await Amounts(db, profile));
    }
}
