using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Tests.Files.Dbf;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit.TableFiles;

/// <summary>
/// A table-file program through the same driver: a folder per firm, a folder of DBF tables per
/// year (the layout of Buchalter, SKP, StreamSoft), the firm's data as key-value rows, declarations
/// by year and month.
/// </summary>
public sealed class TableFileProgramTests : IDisposable
{
    private static readonly ProgramDefinition Yearly = new(
        ProgramId.SuperKsiegaPodatkowa, "Yearly", new ProfileSource("yearly", typeof(TableFileProgramTests).Assembly,
            "KonektoSync.Tests.Extract.Kit.TableFiles.yearly.profile.json"),
        TableFilesEngine.Instance, "folder holding a folder per firm", new Layout.FolderPerFirm("year"))
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.Query("basic", Records.BasicData(ProgramId.SuperKsiegaPodatkowa)),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.SuperKsiegaPodatkowa)),
        },
    };

    private readonly string _root = Directory.CreateTempSubdirectory("konektosync-yearly-").FullName;
    private readonly IProgramConnector _yearly = new ProgramDriver(Yearly, DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Encoding Cp1250 = CodePagesEncoding(1250);

    private static Encoding CodePagesEncoding(int cp)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(cp);
    }

    public TableFileProgramTests()
    {
        Firm("KOWALSKI", "5260250995", "Zakład Usługowy Łukasz Żółć", 2023, 2024);
        Firm("NOWAK", "7680002466", "Gęś i Łabędź s.c.", 2024);
        Directory.CreateDirectory(Path.Combine(_root, "ARCHIWUM"));
    }

    private void Firm(string folder, string nip, string name, params int[] years)
    {
        foreach (var year in years)
        {
            var dir = Directory.CreateDirectory(Path.Combine(_root, folder, year.ToString())).FullName;
            new DbfBytes(Cp1250) { LanguageDriver = 0xC8 }.Field("KLUCZ", 'C', 10).Field("WARTOSC", 'C', 60)
                .Record("NAZWA", name).Record("NIP", nip).Record("MIASTO", "Kraków").Record("WERSJA", "7").WriteTo(dir, "FIRMA.DBF");
            var dekl = new DbfBytes(Cp1250) { LanguageDriver = 0xC8 }.Field("FORM", 'C', 10).Field("ROK", 'N', 4)
                .Field("MIESIAC", 'N', 2).Field("KWOTA", 'N', 12, 2).Field("DATA", 'D', 8);
            for (var m = 12; m >= 1; m--)
            {
                var last = new DateOnly(year, m, DateTime.DaysInMonth(year, m));
                dekl.Record("VAT-7", year.ToString(), m.ToString(), $"{m * 100 + year % 100}.50", last.ToString("yyyyMMdd"));
                dekl.Record("PIT-5", year.ToString(), m.ToString(), $"{m * 10}.00", last.ToString("yyyyMMdd"));
            }
            dekl.Record("ZAMKNIECIE", year.ToString(), "12", "0", "");
            dekl.WriteTo(dir, "DEKL.DBF");
        }
    }

    private ProgramConfig Config() => new(ProgramId.SuperKsiegaPodatkowa, new Dictionary<string, string> { ["path"] = _root }, null);

    private static ReadPlan Plan(int year, int from, int to, params (string Key, string Nip)[] firms) =>
        new(firms.Select(f => new ReadItem(f.Key, Nip(f.Nip), LanguageExt.Prelude.toSet(new[] { DataKind.Basic, DataKind.Taxes })))
            .ToSeq(), Month(year, from), Month(year, to));

    [Fact]
    public async Task Discover_lists_the_firm_folders_that_hold_a_year()
    {
        var firms = Right(await _yearly.Discover(Config(), None));

        Assert.Equal(new[] { "KOWALSKI", "NOWAK" }, firms.Select(f => f.FirmKey).ToArray());
    }

    [Fact]
    public async Task Basic_data_and_the_declarations_of_the_months_are_read_from_the_year_s_tables_in_order()
    {
        var records = await All(_yearly.Read(Config(), Plan(2024, 3, 4, ("KOWALSKI", "5260250995")), None));

        var basic = Assert.Single(records.OfType<RawBasicData>()).Data;
        Assert.Equal(("Zakład Usługowy Łukasz Żółć", "5260250995", "Kraków"), (basic.Name, basic.Nip, basic.City));
        var declarations = records.OfType<RawDeclaration>().ToList();
        Assert.Equal(new[] { ("VAT-7", 324.50m), ("PIT-5", 30m), ("VAT-7", 424.50m), ("PIT-5", 40m) },
            declarations.Select(d => (d.FormName, d.Amount!.Value)).ToArray());
        Assert.Equal(new DateOnly(2024, 3, 31), declarations[0].DeclarationDate);
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.Equal(2, records.OfType<GroupEnd>().Count());
    }

    [Fact]
    public async Task A_year_without_a_folder_is_an_empty_group_and_a_missing_table_fails_that_firm_only()
    {
        File.Delete(Path.Combine(_root, "NOWAK", "2024", "DEKL.DBF"));

        var records = await All(_yearly.Read(Config(), Plan(2024, 1, 12, ("KOWALSKI", "5260250995"), ("NOWAK", "7680002466")), None));
        var older = await All(_yearly.Read(Config(), Plan(2023, 1, 12, ("NOWAK", "7680002466")), None));
        var check = Left(await _yearly.Check(Config(), None));

        var failed = Assert.Single(records.OfType<GroupEnd>(), e => e.Failure is not null);
        Assert.Equal(("NOWAK", DataKind.Taxes, "source.table-missing"), (failed.FirmKey, failed.Kind, failed.Failure!.Code));
        Assert.Equal(24, records.OfType<RawDeclaration>().Count(d => d.FirmKey == "KOWALSKI"));
        Assert.Equal(new[] { DataKind.Basic, DataKind.Taxes }, older.OfType<GroupEnd>().Select(e => e.Kind).Order().ToArray());
        Assert.All(older.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.Contains("table DEKL missing", check.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
