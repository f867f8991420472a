using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Fakt;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>Embedded mode on a file the program's own Firebird server has open.</summary>
[Collection("Firebird")]
public sealed class ServerHeldFileTests(FirebirdFixture fb)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_file_the_server_holds_is_named_as_in_use_by_the_server_never_as_missing()
    {
        var copy = fb.Copy(fb.FaktFolder, "held");
        var file = Path.Combine(copy, "FAKT.FDB");
        var server = FirebirdTarget.Server("127.0.0.1", 3050, "SYSDBA", new Secret(Password));
        await using var held = Right(await FirebirdSession.Open("Fakt", server, file, None));

        var problem = Left(await FaktProgram.Connector(DetectPlaces.None).Discover(Config(ProgramId.Fakt, copy, "embedded"), None));

        Assert.Equal("firebird.in-use", problem.Code);
        Assert.Equal($"Fakt: {file}: FAKT.FDB is in use by the Firebird server: use server mode", problem.Message);
    }
}

/// <summary>Detect prefers the server whenever one runs.</summary>
[Collection("Firebird")]
public sealed class PreferServerTests(FirebirdFixture fb)
{
    [Fact]
    public async Task Detect_proposes_server_mode_for_Fakt_when_a_Firebird_server_answers_here()
    {
        var found = await FaktProgram.Connector(new DetectPlaces([fb.FaktFolder], [])).Detect(CancellationToken.None);

        var config = Assert.Single(found);
        Assert.Equal(("server", "localhost", "3050"), (config.Get("serverType"), config.Get("host"), config.Get("port")));
    }

    [Fact]
    public void A_port_where_no_server_answers_is_not_taken_for_a_server()
    {
        Assert.True(FirebirdEngine.ServerAnswers());
        Assert.False(FirebirdEngine.ServerAnswers("127.0.0.1", 3059));
    }
}
