using System.Globalization;
using System.Text.Json;
using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Journal;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

public sealed class ChangeMarkerOfficeFixture : IAsyncLifetime
{
    public Office Office { get; private set; } = null!;
    public async Task InitializeAsync() => Office = await Office.Write(seed: 23, raksFirms: 3, faktFirms: 2);
    public Task DisposeAsync() { Office.Dispose(); return Task.CompletedTask; }
}

/// <summary>
/// Change markers on a sample office (Raks and Fakt on embedded Firebird): a sync with nothing
/// changed attaches no database file (every attach of a Firebird file moves its time), a changed
/// row is read again and arrives, `--full` and a changed setting read everything, and a sync
/// stopped half-way leaves no marker behind.
/// </summary>
[Collection("EndToEnd")]
public sealed class ChangeMarkerEndToEndTests(ChangeMarkerOfficeFixture fixture) : IClassFixture<ChangeMarkerOfficeFixture>, IDisposable
{
    private readonly Office _office = fixture.Office;
    private readonly CliRunner _cli = new();
    private const string From = "2024-01", To = "2024-12";

    public void Dispose() => _cli.Dispose();

    private JsonElement Sync(params string[] more) => Ok(_cli.Run(["sync", "--from", From, "--to", To, "--json", .. more])).Json;

    /// <summary>The codes and programs of the last run's events.</summary>
    private List<(string Code, string? Program)> LastEvents() =>
        Ok(_cli.Run("log", "--last", "--json")).Json.EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString()!, e.TryGetProperty("program", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null))
            .ToList();

    /// <summary>Every database file of the office with its size and modification time.</summary>
    private SortedDictionary<string, (long, DateTime)> Files() =>
        new(Directory.EnumerateFiles(_office.Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f))), StringComparer.Ordinal);

    private LanguageExt.Map<ProgramId, KonektoSync.Transform.Planning.ChangeMark> Markers()
    {
        using var state = StateStore.Open(new DataDir(_cli.DataDir).StateDb);
        return ChangeMarkers.Read(state.Connection);
    }

    [Fact]
    public void A_second_sync_with_nothing_changed_attaches_no_database_file_and_says_each_program_is_unchanged()
    {
        _office.Configure(_cli);
        var first = Sync();
        var before = Files();
        var second = Sync();
        var after = Files();
        var events = LastEvents();

        Assert.True(first.GetProperty("groupsLoaded").GetInt32() > 10);
        Assert.Equal((0, 0, 0), (second.GetProperty("groupsLoaded").GetInt32(), second.GetProperty("groupsFailed").GetInt32(),
            second.GetProperty("factsSent").GetInt32()));
        Assert.Equal(before, after);
        Assert.Equal(["fakt", "raks"], events.Where(e => e.Code == "sync.program-unchanged").Select(e => e.Program).Order());
        Assert.Equal(["fakt", "raks"], second.GetProperty("programsUnchanged").EnumerateArray().Select(p => p.GetString()).Order());
        Assert.DoesNotContain(events, e => e.Code == "group.loaded");
        Assert.Equal([ProgramId.Fakt, ProgramId.Raks], Markers().Keys.Order());
    }

    [Fact]
    public async Task A_changed_fakt_amount_is_read_again_and_arrives_while_raks_is_not_read()
    {
        _office.Configure(_cli);
        Sync();
        var raksFiles = Files().Where(f => f.Key.StartsWith(_office.RaksFolder, StringComparison.Ordinal)).ToList();
        var firm = _office.Fakt.Firms.First(f => _office.Shared.All(s => Digits(s.Nip) != _office.Nip(f)) && f.Name != "Firma Błędny NIP");
        await AddToZus(firm.FirmKey, month: 5, 17.01m);
        var written = (await _office.FaktItems(firm.FirmKey)).Last(i => i.Code == "ZUS" && i.Month == 5).Amount;

        var again = Sync();
        var events = LastEvents();
        var zus = Assert.Single(Entries(Ok(_cli.Run("panel", "show", _office.Nip(firm), "--json")).Json),
            e => e.Key.Kind == "zus" && e.Key.Period == "2024-05").Value;

        Assert.True(again.GetProperty("factsSent").GetInt32() >= 1);
        Assert.Equal(Money(written), zus["total_due"]);
        Assert.Equal(["raks"], events.Where(e => e.Code == "sync.program-unchanged").Select(e => e.Program));
        Assert.Contains(events, e => e.Code == "group.loaded" && e.Program == "fakt");
        Assert.Equal(raksFiles, Files().Where(f => f.Key.StartsWith(_office.RaksFolder, StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public void Sync_full_reads_every_program_and_a_changed_setting_makes_the_next_sync_read()
    {
        _office.Configure(_cli);
        var first = Sync();
        var full = Sync("--full");
        var fullEvents = LastEvents();
        Ok(_cli.Run("settings", "--update-basic-data", "off"));
        var changed = Sync();
        var changedEvents = LastEvents();
        var quiet = Sync();

        Assert.Equal(first.GetProperty("groupsLoaded").GetInt32(), full.GetProperty("groupsLoaded").GetInt32());
        Assert.DoesNotContain(fullEvents, e => e.Code == "sync.program-unchanged");
        Assert.Equal(first.GetProperty("groupsLoaded").GetInt32(), changed.GetProperty("groupsLoaded").GetInt32());
        Assert.DoesNotContain(changedEvents, e => e.Code == "sync.program-unchanged");
        Assert.Equal(0, quiet.GetProperty("groupsLoaded").GetInt32());
    }

    [Fact]
    public async Task A_sync_stopped_after_its_first_group_leaves_no_marker_and_the_next_sync_reads_again()
    {
        _office.Configure(_cli);
        Sync();
        var marked = Markers();
        var dir = new DataDir(_cli.DataDir);
        var cfg = ConfigStore.Load(dir).Match(c => c, p => throw new InvalidOperationException(p.ToString()));
        using var stop = new CancellationTokenSource();
        var request = new SyncRequest(Period.Of(new DateOnly(2024, 1, 1)), Period.Of(new DateOnly(2024, 12, 1)),
            LanguageExt.Prelude.toSet(cfg.Defaults.Kinds.Select(k => DataKinds.FromCode(k)!.Value)), LanguageExt.Prelude.None,
            Approve: false, SendSummary: false, Manual: true);
        var progress = new Stop(stop);
        var stopped = await SyncService.Run(cfg, dir, request, null, TimeProvider.System, progress,
            new Serilog.LoggerConfiguration().CreateLogger(), stop.Token, full: true);
        var left = Markers();
        var next = Sync();

        Assert.Equal(2, marked.Count);
        Assert.True(stopped.Cancelled);
        Assert.True(left.IsEmpty, $"markers left: {string.Join(", ", left.Keys)}");
        Assert.True(next.GetProperty("groupsLoaded").GetInt32() > 10);
        Assert.Equal(2, Markers().Count);
    }

    /// <summary>Stops the sync as soon as a program reports a firm done (its groups were handled).</summary>
    private sealed class Stop(CancellationTokenSource stop) : IProgress<ProgramProgress>
    {
        public void Report(ProgramProgress value)
        {
            if (value.FirmsDone > 0) stop.Cancel();
        }
    }

    /// <summary>Adds to the ZUS items of one month of a Fakt firm's reports, as another program writing to FAKT.FDB would.</summary>
    private async Task AddToZus(string firmId, int month, decimal amount) =>
        Assert.True(await Execute(Path.Combine(_office.FaktFolder, "FAKT.FDB"),
            "UPDATE ARCHIWUM_POZYCJE SET KWOTA = KWOTA + @p0 WHERE KOD = 'ZUS' AND MIESIAC = @p1 " +
            "AND ID_WYDRUKU IN (SELECT ID FROM ARCHIWUM_WYDRUKOW WHERE ID_FIRMY = @p2)",
            amount, month, int.Parse(firmId, CultureInfo.InvariantCulture)) > 0);
}
