using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Raks;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>Database files where offices keep them: folders named with Polish letters.</summary>
[Collection("Firebird")]
public sealed class FirebirdPathTests(FirebirdFixture fb)
{
    private readonly IProgramConnector _raks = RaksProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    private string PolishCopy()
    {
        var folder = NewFolder(Path.Combine(fb.Root, "Księgowość Biuro " + Guid.NewGuid().ToString("N")[..6], "Żółć"));
        foreach (var f in Directory.EnumerateFiles(fb.RaksFolder)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        Share(fb.Root);
        return folder;
    }

    [Theory, InlineData("embedded"), InlineData("server")]
    public async Task A_database_in_a_folder_with_Polish_letters_is_read(string mode)
    {
        var folder = PolishCopy();

        var firms = Right(await _raks.Discover(Config(ProgramId.Raks, folder, mode), None));
        var check = Right(await _raks.Check(Config(ProgramId.Raks, folder, mode), None));

        Assert.Equal(fb.Raks.Firms.Count, firms.Count);
        Assert.Contains(firms, f => f.Name == FirebirdFixture.Shared.Name);
        Assert.DoesNotContain(check.Details, d => d.Contains("cannot open"));
    }

    [Theory, InlineData("embedded"), InlineData("server")]
    public async Task A_session_on_a_file_with_Polish_letters_in_its_name_reads_the_declared_charset(string mode)
    {
        var folder = PolishCopy();
        var file = Path.Combine(folder, "Księgi Łódź.fdb");
        File.Copy(Path.Combine(folder, "Raks3000.fdb"), file);
        Share(folder);
        var target = mode == "server"
            ? FirebirdTarget.Server("127.0.0.1", 3050, "SYSDBA", new Secret(Password))
            : FirebirdTarget.Embedded();

        await using var session = Right(await FirebirdSession.Open("Raks", target, file, None));
        var names = Right(await session.List("SELECT SHORTNAME FROM AD_FIRMS", [], r => r.GetString(0).Trim(), None));

        Assert.Equal("WIN1250", session.DeclaredCharset);
        Assert.Contains(FirebirdFixture.Shared.Name, names);
    }

    [Fact]
    public async Task The_demo_runs_in_a_folder_with_Polish_letters()
    {
        using var cli = new KonektoSync.Tests.Host.CliRunner();
        var folder = Path.Combine(fb.Root, "Księgowość Biuro demo " + Guid.NewGuid().ToString("N")[..6]);

        var result = await cli.RunAsync(["demo", "--folder", folder]);

        Assert.DoesNotContain("transliterate", result.Out + result.Err);
        Assert.DoesNotContain("cannot open", result.Out + result.Err);
        Assert.Contains("Kancelaria Żółkiewski i Wspólnicy", result.Out);
        Assert.Equal(0, result.Exit);
    }
}
