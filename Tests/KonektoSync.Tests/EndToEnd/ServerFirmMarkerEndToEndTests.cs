using System.Text.Json;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Programs.Optima;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// Change markers per firm database on a server, through the CLI: Optima on the PostgreSQL stand-in keeps
/// a database per firm, so after a write to one firm's database the next sync reads that firm alone (the
/// others are counted as unchanged and load no group), whatever else the shared server saw meanwhile.
/// </summary>
[Collection("EndToEnd")]
public sealed class ServerFirmMarkerEndToEndTests : IAsyncLifetime
{
    private const string PasswordEnv = "KONEKTOSYNC_TEST_SQLMARK_PASSWORD";
    private readonly CliRunner _cli = new();
    private readonly OptimaSampleWriter _writer = new(OptimaFixture.Server, $"sqlmark_e2e_{Guid.NewGuid().ToString("N")[..8]}");
    private readonly string _folder = NewTemp("sqlmark");
    private SampleInfo _sample = null!;

    public async Task InitializeAsync() => _sample = await _writer.Write(_folder, FirebirdFixture.Spec, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _writer.Drop(_sample);
        _cli.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private JsonElement Sync() => Ok(_cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--json")).Json;

    private List<(string Code, string? Firm, string Message)> LastEvents() =>
        Ok(_cli.Run("log", "--last", "--json")).Json.EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString()!,
                e.TryGetProperty("firm", out var f) && f.ValueKind == JsonValueKind.String ? Digits(f.GetString()!) : null,
                e.GetProperty("message").GetString() ?? ""))
            .ToList();

    private SortedSet<string> Loaded() =>
        new(LastEvents().Where(e => e.Code == "group.loaded" && e.Firm is not null).Select(e => e.Firm!), StringComparer.Ordinal);

    [Fact]
    public async Task After_a_write_to_one_firms_database_the_next_sync_reads_that_firm_alone()
    {
        Environment.SetEnvironmentVariable(PasswordEnv, "konekto");
        Ok(_cli.Run("init"));
        Ok(_cli.Run("programs", "set", "optima", "engine=postgresql-standin", "host=127.0.0.1", "port=5432", "user=konekto",
            $"database={_writer.Catalog}", "--password-env", PasswordEnv));
        _cli.Run("programs", "check");
        Ok(_cli.Run("firms", "select", "--all"));
        Sync();
        var all = Loaded();
        var changed = _sample.Firms.First(f => all.Contains(Digits(f.Nip)));
        await using (var c = await _writer.Open(_writer.FirmDatabase(changed.FirmKey), CancellationToken.None))
            await OptimaSampleWriter.Exec(c, "UPDATE \"CDN\".\"DeklNag\" SET \"DkN_Kwota\" = \"DkN_Kwota\" + 1", CancellationToken.None);

        Sync();
        var events = LastEvents();

        Assert.True(all.Count >= 2, $"the first sync loaded {all.Count} firms");
        Assert.Equal(new SortedSet<string>([Digits(changed.Nip)], StringComparer.Ordinal), Loaded());
        // the others were not read at all: the event counts them (a read of an unchanged firm would load nothing either)
        var unchanged = System.Text.RegularExpressions.Regex.Match(events.Single(e => e.Code == "sync.firms-unchanged").Message, @"(\d+) of (\d+) firms");
        Assert.True(unchanged.Success);
        Assert.Equal(int.Parse(unchanged.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1,
            int.Parse(unchanged.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
