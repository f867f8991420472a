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

/// <summary>What the embedded engine writes into a program's file during a read (docs/engines.md).</summary>
[Collection("Firebird")]
public sealed class EmbeddedWritesTests(FirebirdFixture fb)
{
    // ODS 12 header page: pag_generation at 4, hdr_next_transaction at 36, hdr_attachment_id at 52
    private static (uint Generation, uint NextTransaction, uint Attachment) Header(string file)
    {
        var page = new byte[64];
        using (var s = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) s.ReadExactly(page);
        return (BitConverter.ToUInt32(page, 4), BitConverter.ToUInt32(page, 36), BitConverter.ToUInt32(page, 52));
    }

    [Fact]
    public async Task A_read_only_session_in_embedded_mode_advances_the_counters_on_the_header_page()
    {
        var copy = fb.Copy(fb.FaktFolder, "writes");
        var file = Path.Combine(copy, "FAKT.FDB");
        var before = Header(file);

        await using (var session = Right(await FirebirdSession.Open("Fakt", FirebirdTarget.Embedded(), file, CancellationToken.None)))
            Right(await session.List("SELECT COUNT(*) FROM RDB$DATABASE", [], r => r.GetValue(0), CancellationToken.None));
        var after = Header(file);

        Assert.True(after.NextTransaction > before.NextTransaction, $"next transaction {before.NextTransaction} -> {after.NextTransaction}");
        Assert.True(after.Attachment > before.Attachment, $"attachment id {before.Attachment} -> {after.Attachment}");
        Assert.True(after.Generation > before.Generation, $"header generation {before.Generation} -> {after.Generation}");
    }
}

/// <summary>`programs check` says to prefer the server when one runs and a program is set to embedded mode.</summary>
[Collection("Firebird")]
public sealed class CheckPrefersServerTests(FirebirdFixture fb)
{
    [Fact]
    public async Task Check_of_an_embedded_program_says_to_use_server_mode_when_a_Firebird_server_answers_here()
    {
        using var cli = new KonektoSync.Tests.Host.CliRunner();
        var copy = fb.Copy(fb.FaktFolder, "prefer");

        Assert.Equal(0, (await cli.RunAsync(["init"])).Exit);
        Assert.Equal(0, (await cli.RunAsync(["programs", "set", "fakt", $"path={copy}", "serverType=embedded", "user=SYSDBA"])).Exit);
        var check = await cli.RunAsync(["programs", "check"]);

        Assert.Equal(0, check.Exit);
        Assert.Contains("fakt: a Firebird server answers on this machine: use server mode (serverType=server)", check.Out);
    }
}
