using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Ramzes;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Ognik;
using KonektoSync.Tests.Files.Paradox;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Ramzes;

/// <summary>
/// Ramzes's engine identified from the files of its data folder (Firebird read with our model, DBF
/// and Paradox recognised and named, anything else unknown) and its bad input.
/// </summary>
[Collection("Firebird")]
public sealed class RamzesProgramTests(FirebirdFixture fb) : IDisposable
{
    private readonly IProgramConnector _ramzes = RamzesProgram.Connector(DetectPlaces.None);

    /// <summary>The folders of other engines, outside the fixture's folder (another program's detect looks there).</summary>
    private readonly string _others = Directory.CreateTempSubdirectory("konektosync-ramzes-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_others, recursive: true); } catch (IOException) { }
    }
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(string Folder, SampleInfo Info)> Sample() => await RamzesSample.Of(fb);

    private static ProgramConfig At(string folder, string mode = "embedded", string? password = Password) =>
        Config(ProgramId.Ramzes, folder, mode, password);

    /// <summary>A folder of the reference's DBF model of Ramzes: FIRMA.DBF and PODATKI.DBF in CP852.</summary>
    private string DbfFolder()
    {
        var folder = NewFolder(Path.Combine(_others, "ramzes-dbf-" + Guid.NewGuid().ToString("N")[..6]));
        DbfSampleFile.Cp852().Field("NAZWA", 'C', 60).Field("NIP", 'C', 13).Record("Biuro Rachunkowe Żółć", "5260250995")
            .WriteTo(Path.Combine(folder, "FIRMA.DBF"));
        DbfSampleFile.Cp852().Field("MC", 'N', 2).Field("VAT7", 'N', 12, 2).Record(1m, 1200.50m)
            .WriteTo(Path.Combine(folder, "PODATKI.DBF"));
        return folder;
    }

    private string ParadoxFolder()
    {
        var folder = NewFolder(Path.Combine(_others, "ramzes-px-" + Guid.NewGuid().ToString("N")[..6]));
        File.Copy(PxGen.Text(852), Path.Combine(folder, "FIRMY.DB"));
        return folder;
    }

    private string UnknownFolder()
    {
        var folder = NewFolder(Path.Combine(_others, "ramzes-unknown-" + Guid.NewGuid().ToString("N")[..6]));
        File.WriteAllText(Path.Combine(folder, "RAMZES.EXE"), "MZ this is a program, not a database");
        File.WriteAllText(Path.Combine(folder, "DANE.RMZ"), "a storage nobody has described publicly");
        return folder;
    }

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Check_names_the_engine_identified_from_the_header_of_RAMZES_FDB(string mode)
    {
        var (folder, info) = await Sample();

        var report = Right(await _ramzes.Check(At(folder, mode), None));

        Assert.Contains(report.Details, d => d.Contains("RAMZES.FDB") && d.Contains("ODS 12.0: a Firebird 3 database by its header page"));
        Assert.Contains($"{info.Firms.Count} firms", report.Summary);
    }

    [Fact]
    public async Task A_read_gives_each_firm_s_declarations_and_owner_s_ZUS_and_no_trial_balance()
    {
        var (folder, info) = await Sample();
        var firm = info.Firms[0];

        var records = await All(_ramzes.Read(At(folder), Plan([(firm.FirmKey, firm.Nip)], 1, 3,
            DataKind.Basic, DataKind.Taxes, DataKind.Zus, DataKind.Statements), None));

        Assert.Equal(Shared.Name, records.OfType<RawBasicData>().Single().Data.Name);
        Assert.Equal(3, records.OfType<RawDeclaration>().Count(d => d.FormName == "VAT-7"));
        Assert.Contains(records.OfType<RawDeclaration>(), d => d.FormName == "PIT-5" && d.DeclarationDate == new DateOnly(Year, 2, 29));
        Assert.Equal([1, 2, 3], records.OfType<RawZusDeclaration>().Select(z => z.Month));
        Assert.Equal("program.kind-unsupported", records.OfType<GroupEnd>().Single(e => e.Kind == DataKind.Statements).Failure!.Code);
    }

    [Fact]
    public async Task A_folder_of_DBF_tables_is_recognised_and_named_as_not_our_model_in_check_discover_and_read()
    {
        var folder = DbfFolder();

        var check = Left(await _ramzes.Check(At(folder), None));
        var discover = Left(await _ramzes.Discover(At(folder), None));
        var ends = (await All(_ramzes.Read(At(folder), Plan([("1", Shared.Nip)], 1, 1, DataKind.Taxes, DataKind.Zus), None)))
            .OfType<GroupEnd>().ToList();

        Assert.Equal("ramzes.engine-unsupported", check.Code);
        Assert.Equal(new[] { "Ramzes", folder, "DBF", "FIRMA.DBF (DBF, dBase III), PODATKI.DBF (DBF, dBase III)" }, check.Args.ToArray());
        Assert.Contains("the engine is recognised, but our model of Ramzes reads Firebird files", check.Message);
        Assert.Equal(check, discover);
        Assert.Equal(2, ends.Count);
        Assert.All(ends, e => Assert.Equal("ramzes.engine-unsupported", e.Failure!.Code));
    }

    [Fact]
    public async Task A_folder_of_Paradox_tables_is_recognised_and_named_as_not_our_model()
    {
        var folder = ParadoxFolder();

        var problem = Left(await _ramzes.Check(At(folder), None));

        Assert.Equal("ramzes.engine-unsupported", problem.Code);
        Assert.Equal("Paradox", problem.Args[2]);
        Assert.Contains("FIRMY.DB (Paradox, file version", problem.Message);
    }

    [Fact]
    public async Task A_folder_of_no_known_engine_is_one_problem_naming_the_folder_and_the_files_seen()
    {
        var folder = UnknownFolder();

        var problem = Left(await _ramzes.Check(At(folder, "server"), None));

        Assert.Equal("ramzes.engine-unknown", problem.Code);
        Assert.Equal(folder, problem.Args[1]);
        Assert.Equal("DANE.RMZ (not a known database file), RAMZES.EXE (not a known database file)", problem.Args[2]);
        Assert.DoesNotContain(Password, problem.ToString());
    }

    [Fact]
    public async Task An_empty_folder_is_an_unknown_engine_with_no_files()
    {
        var folder = NewFolder(Path.Combine(_others, "ramzes-empty-" + Guid.NewGuid().ToString("N")[..6]));

        var problem = Left(await _ramzes.Discover(At(folder), None));

        Assert.Equal("ramzes.engine-unknown", problem.Code);
        Assert.Equal("no files", problem.Args[2]);
    }

    [Fact]
    public async Task Inspect_of_a_folder_that_is_not_Firebird_lists_each_file_with_what_its_header_says()
    {
        var folder = DbfFolder();
        File.WriteAllText(Path.Combine(folder, "RAMZES.INI"), "[Dane]");

        var catalog = Right(await _ramzes.Inspect(At(folder), None));

        var (source, files) = Assert.Single(catalog.Sources);
        Assert.Equal(folder, source);
        Assert.Equal(new[] { "FIRMA.DBF: DBF, dBase III", "PODATKI.DBF: DBF, dBase III", "RAMZES.INI: not a known database file" },
            files.Select(f => $"{f.Table}: {f.Type}").ToArray());
    }

    [Fact]
    public async Task Inspect_of_the_Firebird_model_gives_its_tables()
    {
        var (folder, _) = await Sample();

        var catalog = Right(await _ramzes.Inspect(At(folder), None));

        Assert.Contains(catalog.Sources.SelectMany(s => s.Columns), c => c.Table == "SKLADKI_ZUS" && c.Column == "PESEL");
    }

    [Fact]
    public async Task Detect_proposes_a_default_folder_of_DBF_tables_so_that_check_can_name_its_engine()
    {
        var (firebird, _) = await Sample();
        var dbf = DbfFolder();
        var unknown = UnknownFolder();

        var found = await RamzesProgram.Connector(new DetectPlaces([firebird, dbf, unknown], [])).Detect(None);

        Assert.Equal(new[] { firebird, dbf }, found.Select(c => c.Get("path")).ToArray());
        Assert.All(found, c => Assert.Equal("server", c.Get("serverType")));
    }

    [Fact]
    public async Task A_RAMZES_FDB_of_Firebird_2_5_is_named_as_needing_that_version()
    {
        var copy = fb.Copy((await Sample()).Folder, "ramzes-ods");
        OgnikProgramTests.SetOds(Path.Combine(copy, RamzesSampleWriter.File), 11, 2);

        var problem = Left(await _ramzes.Check(At(copy), None));

        Assert.Equal("source.version", problem.Code);
        Assert.Contains("this file needs Firebird 2.5 (ODS 11.2)", problem.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_a_login_problem_naming_RAMZES_FDB_and_the_user_but_not_the_password()
    {
        var (folder, _) = await Sample();

        var problem = Left(await _ramzes.Discover(At(folder, "server", "Zle-Haslo-7731"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.Contains(Path.Combine(folder, RamzesSampleWriter.File), problem.Message);
        Assert.Contains("SYSDBA", problem.Message);
        Assert.DoesNotContain("Zle-Haslo-7731", problem.ToString());
    }

    [Fact]
    public async Task A_data_folder_that_does_not_exist_is_one_problem_naming_RAMZES_FDB()
    {
        var absent = Path.Combine(fb.Root, "ramzes-absent");

        var problem = Left(await _ramzes.Check(At(absent), None));

        Assert.Contains(Path.Combine(absent, RamzesSampleWriter.File), problem.Message);
    }
}
