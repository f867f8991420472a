using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>An office with Fakt only: Fakt holds no bank statements, and that is no error.</summary>
[Collection("Firebird")]
public sealed class FaktOnlyOfficeTests(FirebirdFixture fb)
{
    [Fact]
    public async Task A_sync_with_the_default_kinds_says_there_is_no_statement_data_and_exits_0()
    {
        using var cli = new CliRunner();
        var folder = fb.Copy(fb.FaktFolder, "fakt-only");
        var year = FirebirdFixture.Year.ToString();

        Assert.Equal(0, (await cli.RunAsync(["init"])).Exit);
        Assert.Equal(0, (await cli.RunAsync(["programs", "set", "fakt", $"path={folder}", "serverType=embedded", "user=SYSDBA"])).Exit);
        Assert.Equal(0, (await cli.RunAsync(["programs", "check"])).Exit);
        Assert.Equal(0, (await cli.RunAsync(["firms", "select", "--all"])).Exit);
        var sync = await cli.RunAsync(["sync", "--from", $"{year}-01", "--to", $"{year}-12", "--json"]);

        var log = await cli.RunAsync(["log", "--json"]);

        Assert.Equal(0, sync.Exit);
        Assert.Equal(0, sync.Json.GetProperty("groupsFailed").GetInt32());
        Assert.Empty(sync.Json.GetProperty("errors").EnumerateArray());
        var unsupported = log.Json.EnumerateArray()
            .Where(e => e.GetProperty("code").GetString() == "program.kind-unsupported").ToList();
        Assert.NotEmpty(unsupported);
        Assert.All(unsupported, e => Assert.Equal("info", e.GetProperty("severity").GetString(), ignoreCase: true));
        Assert.All(unsupported, e => Assert.Equal("statements", e.GetProperty("kind").GetString()));
    }
}
