using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.MalaKsiegowoscRp;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.MalaKsiegowoscRp;

/// <summary>Mała Księgowość RP's text is CP1250 even where the tables' headers name no code page.</summary>
public sealed class MalaKsiegowoscRpProgramTests(MkRpFixture mk) : IClassFixture<MkRpFixture>
{
    private readonly IProgramConnector _mk = MalaKsiegowoscRpProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    private ProgramConfig Config(string? codePage = null)
    {
        var values = new Dictionary<string, string> { ["path"] = mk.Folder };
        if (codePage is not null) values["codePage"] = codePage;
        return new ProgramConfig(ProgramId.MalaKsiegowoscRp, values, null);
    }

    [Fact]
    public async Task Polish_letters_are_read_as_CP1250_by_default_and_the_setting_names_another_code_page()
    {
        var header = File.ReadAllBytes(Path.Combine(mk.Folder, "F001", "DANEFIR.DBF"));
        var firms = Right(await _mk.Discover(Config(), None));
        var as852 = Right(await _mk.Discover(Config("852"), None));

        Assert.Equal(0, header[29]); // no language driver in the header
        Assert.Equal("Zakład Usługowy Łukasz Żółć", firms[0].Name);
        Assert.NotEqual("Zakład Usługowy Łukasz Żółć", as852[0].Name);
        Assert.Contains(_mk.Settings, s => s.Key == "codePage" && s.Default == "1250");
    }

    [Fact]
    public async Task Detect_proposes_the_data_folder_that_holds_firm_folders()
    {
        var found = await MalaKsiegowoscRpProgram.Connector(new DetectPlaces([mk.Root, mk.Folder], [])).Detect(None);

        Assert.Equal(mk.Folder, Assert.Single(found).Get("path"));
    }
}
