using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Ognik;
using KonektoSync.Tests.Files.Paradox;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>What a file's header says of its engine: real Firebird, DBF and Paradox files, and files of no known engine.</summary>
[Collection("Firebird")]
public sealed class StorageProbeTests(FirebirdFixture fb)
{
    private static string Folder() => Directory.CreateTempSubdirectory("konektosync-probe-").FullName;

    [Fact]
    public void A_Firebird_3_database_is_Firebird_with_its_ODS()
    {
        var file = StorageProbe.File(Path.Combine(fb.FaktFolder, "FAKT.FDB"));

        Assert.Equal(StorageKind.Firebird, file.Kind);
        Assert.Equal("Firebird 3, ODS 12.0", file.Description);
    }

    [Fact]
    public void A_database_of_Firebird_2_5_is_Firebird_naming_that_version()
    {
        var copy = fb.Copy(fb.FaktFolder, "probe-ods");
        OgnikProgramTests.SetOds(Path.Combine(copy, "FAKT.FDB"), 11, 2);

        var file = StorageProbe.File(Path.Combine(copy, "FAKT.FDB"));

        Assert.Equal(StorageKind.Firebird, file.Kind);
        Assert.Equal("Firebird 2.5, ODS 11.2", file.Description);
    }

    [Fact]
    public void A_DBF_table_is_DBF_with_its_format()
    {
        var path = DbfSampleFile.Cp852().Field("NAZWA", 'C', 60).Field("NIP", 'C', 13).Record("Firma", "5260250995")
            .WriteTo(Path.Combine(Folder(), "FIRMA.DBF"));

        var file = StorageProbe.File(path);

        Assert.Equal(StorageKind.Dbf, file.Kind);
        Assert.Equal("DBF, dBase III", file.Description);
    }

    [Fact]
    public void A_Paradox_table_written_by_pxlib_is_Paradox()
    {
        var file = StorageProbe.File(PxGen.Text(852));

        Assert.Equal(StorageKind.Paradox, file.Kind);
        Assert.StartsWith("Paradox, file version ", file.Description);
    }

    [Theory]
    [InlineData("RAMZES.EXE", "MZ\u0090\0\u0003\0\0\0 a Windows program, not a database")]
    [InlineData("DANE.DAT", "plain text that happens to be long enough to be read as a header of some engine, but is none")]
    [InlineData("PUSTY.DB", "")]
    public void A_file_of_no_known_engine_is_named_as_such(string name, string content)
    {
        var path = Path.Combine(Folder(), name);
        File.WriteAllText(path, content);

        var file = StorageProbe.File(path);

        Assert.Null(file.Kind);
        Assert.Equal(content.Length == 0 ? "empty" : "not a known database file", file.Description);
    }

    [Fact]
    public void A_folder_is_Firebird_when_any_file_is_else_DBF_else_Paradox_and_lists_files_in_subfolders()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, "README.TXT"), "Ramzes");
        Assert.Null(StorageProbe.Folder(folder).Kind);
        File.Copy(PxGen.Text(1250), Path.Combine(folder, "FIRMY.DB"));
        Assert.Equal(StorageKind.Paradox, StorageProbe.Folder(folder).Kind);
        Directory.CreateDirectory(Path.Combine(folder, "F001", "2024"));
        DbfSampleFile.Cp852().Field("MC", 'N', 2).Record(1m).WriteTo(Path.Combine(folder, "F001", "2024", "PODATKI.DBF"));
        Assert.Equal(StorageKind.Dbf, StorageProbe.Folder(folder).Kind);
        File.Copy(Path.Combine(fb.FaktFolder, "FAKT.FDB"), Path.Combine(folder, "DANE.FDB"));

        var seen = StorageProbe.Folder(folder);

        Assert.Equal(StorageKind.Firebird, seen.Kind);
        Assert.Contains(Path.Combine("F001", "2024", "PODATKI.DBF") + " (DBF, dBase III)", seen.List());
        Assert.Contains("README.TXT (not a known database file)", seen.List());
    }

    [Fact]
    public void The_list_of_a_large_folder_is_cut_and_says_how_many_more()
    {
        var folder = Folder();
        for (var i = 0; i < 25; i++) File.WriteAllText(Path.Combine(folder, $"F{i:D2}.TMP"), "x");

        var list = StorageProbe.Folder(folder).List(20);

        Assert.EndsWith(", … 5 more", list);
        Assert.Equal("no files", StorageProbe.Folder(Folder()).List());
    }
}
