using System.Globalization;
using System.Text.Json;
using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Load.Journal;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

public sealed class FirmMarkerOfficeFixture : IAsyncLifetime
{
    public Office Office { get; private set; } = null!;
    public async Task InitializeAsync() => Office = await Office.Write(seed: 31, raksFirms: 4, faktFirms: 3);
    public Task DisposeAsync() { Office.Dispose(); return Task.CompletedTask; }
}

/// <summary>
/// Change markers per firm on a sample office (Raks: Raks3000.fdb with every firm's declarations and
/// one F*.fdb per firm; Fakt: one FAKT.FDB): after a change of one firm's rows in a shared database or
/// of one firm's own file, only that firm is read (another firm's file is made unreadable, keeping its
/// size and time, so reading it would fail), its new value arrives in the panel, and `--full` reads all.
/// Each test works on its own copy of the office, since the tests change it.
/// </summary>
[Collection("EndToEnd")]
public sealed class FirmMarkerEndToEndTests(FirmMarkerOfficeFixture fixture) : IClassFixture<FirmMarkerOfficeFixture>, IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _copy = NewTemp("firmmark");
    private const string From = "2024-01", To = "2024-12";

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_copy, recursive: true); } catch (IOException) { }
    }

    private string RaksFolder => Path.Combine(_copy, "raks");
    private string FaktFolder => Path.Combine(_copy, "fakt");
    private string Raks3000 => Path.Combine(RaksFolder, "Raks3000.fdb");

    private void Configure()
    {
        CopyFolder(fixture.Office.RaksFolder, RaksFolder);
        CopyFolder(fixture.Office.FaktFolder, FaktFolder);
        fixture.Office.Configure(_cli, raksPath: RaksFolder, faktPath: FaktFolder);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }

    private JsonElement Sync(params string[] more) => Ok(_cli.Run(["sync", "--from", From, "--to", To, "--json", .. more])).Json;

    private List<(string Code, string? Program, string? Firm, string Severity)> LastEvents() =>
        Ok(_cli.Run("log", "--last", "--json")).Json.EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString()!, Text(e, "program"), Text(e, "firm") is { } f ? Digits(f) : null,
                e.GetProperty("severity").GetString()!))
            .ToList();

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>The firms of a program whose groups were loaded in the last sync.</summary>
    private SortedSet<string> Loaded(string program) =>
        new(LastEvents().Where(e => e.Code == "group.loaded" && e.Program == program && e.Firm is not null).Select(e => e.Firm!),
            StringComparer.Ordinal);

    /// <summary>Raks firms of their own (not in Fakt, a valid NIP) with declarations in the year, as written.</summary>
    private async Task<List<KonektoSync.Extract.SampleFirmInfo>> RaksFirmsWithDeclarations()
    {
        var office = fixture.Office;
        var firms = new List<KonektoSync.Extract.SampleFirmInfo>();
        foreach (var f in office.Raks.Firms.Where(f => office.Shared.All(s => Digits(s.Nip) != office.Nip(f)) && office.Nip(f).Length == 10))
            if ((await office.RaksDeclarations(f.Nip)).Count > 0) firms.Add(f);
        return firms;
    }

    /// <summary>Every F*.fdb of the Raks copy but <paramref name="except"/>'s, overwritten with zeros keeping its size and time: opening it fails.</summary>
    private List<string> SpoilFirmFiles(string exceptFile)
    {
        var spoiled = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RaksFolder, "F*.fdb").Where(f => f != exceptFile))
        {
            var (length, time) = (new FileInfo(file).Length, File.GetLastWriteTimeUtc(file));
            File.WriteAllBytes(file, new byte[length]);
            File.SetLastWriteTimeUtc(file, time);
            spoiled.Add(file);
        }
        return spoiled;
    }

    private string FirmFile(string firmKey) =>
        Path.Combine(RaksFolder, $"F{int.Parse(firmKey, CultureInfo.InvariantCulture):D5}.fdb");

    /// <summary>Every value the panel shows for a firm.</summary>
    private List<string> PanelValues(string nip) =>
        Entries(Ok(_cli.Run("panel", "show", nip, "--json")).Json).Values.SelectMany(v => v.Values).ToList();

    private Dictionary<(string, string, string), Dictionary<string, string>> Panel(string nip) =>
        Entries(Ok(_cli.Run("panel", "show", nip, "--json")).Json);

    [Fact]
    public async Task A_changed_declaration_in_the_shared_database_reads_only_its_firm_and_its_new_value_arrives()
    {
        Configure();
        Sync();
        var firms = await RaksFirmsWithDeclarations();
        var (changed, other) = (firms[0], firms[1]);
        var otherPanel = Panel(fixture.Office.Nip(other));
        Assert.Equal(1, await Execute(Raks3000,
            "UPDATE R3_DEKLARACJE SET PODATEK = 98765.43 WHERE ID = (SELECT MIN(ID) FROM R3_DEKLARACJE WHERE NIP = @p0 " +
            "AND DATA_DEKLARACJI BETWEEN '2024-01-01' AND '2024-12-31')", changed.Nip));
        SpoilFirmFiles(exceptFile: FirmFile(changed.FirmKey));

        var again = Sync();
        var events = LastEvents();

        Assert.DoesNotContain(events, e => e.Severity == "error");
        Assert.Equal([fixture.Office.Nip(changed)], Loaded("raks"));
        Assert.Contains("98765.43", PanelValues(fixture.Office.Nip(changed)));
        Assert.Equal(otherPanel, Panel(fixture.Office.Nip(other)));
        Assert.Contains(events, e => e.Code == "sync.firms-unchanged" && e.Program == "raks");
        Assert.Contains(events, e => e.Code == "sync.program-unchanged" && e.Program == "fakt");
        Assert.True(again.GetProperty("factsSent").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_deleted_declaration_is_seen_and_the_next_sync_reads_nothing()
    {
        Configure();
        Sync();
        var firm = (await RaksFirmsWithDeclarations())[0];
        var written = await fixture.Office.RaksDeclarations(firm.Nip);
        Assert.Equal(1, await Execute(Raks3000,
            "DELETE FROM R3_DEKLARACJE WHERE ID = (SELECT MAX(ID) FROM R3_DEKLARACJE WHERE NIP = @p0 " +
            "AND DATA_DEKLARACJI BETWEEN '2024-01-01' AND '2024-12-31')", firm.Nip));

        Sync();
        var loaded = Loaded("raks");
        var quiet = Sync();

        Assert.Equal([fixture.Office.Nip(firm)], loaded);
        Assert.NotEmpty(written);
        Assert.Equal(0, quiet.GetProperty("groupsLoaded").GetInt32());
    }

    [Fact]
    public async Task A_changed_firm_file_reads_only_that_firm_and_sync_full_reads_all_again()
    {
        Configure();
        var first = Sync();
        var firm = (await RaksFirmsWithDeclarations())[0];
        var file = FirmFile(firm.FirmKey);
        Assert.True(await Execute(file, "UPDATE KS_ZUS_DRA SET EMERYTALNE = EMERYTALNE + 1") >= 0);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Sync();
        var loaded = Loaded("raks");
        var full = Sync("--full");
        var fullEvents = LastEvents();

        Assert.Equal([fixture.Office.Nip(firm)], loaded);
        Assert.Equal(first.GetProperty("groupsLoaded").GetInt32(), full.GetProperty("groupsLoaded").GetInt32());
        Assert.DoesNotContain(fullEvents, e => e.Code is "sync.firms-unchanged" or "sync.program-unchanged");
    }

    [Fact]
    public async Task A_changed_fakt_report_item_reads_only_its_firm_of_the_one_database()
    {
        Configure();
        Sync();
        var office = fixture.Office;
        var firm = office.Fakt.Firms.First(f => office.Shared.All(s => Digits(s.Nip) != office.Nip(f)) && office.Nip(f).Length == 10);
        Assert.True(await Execute(Path.Combine(FaktFolder, "FAKT.FDB"),
            "UPDATE ARCHIWUM_POZYCJE SET KWOTA = KWOTA + 3.21 WHERE KOD = 'ZUS' AND ID_WYDRUKU IN " +
            "(SELECT ID FROM ARCHIWUM_WYDRUKOW WHERE ID_FIRMY = @p0)", int.Parse(firm.FirmKey, CultureInfo.InvariantCulture)) > 0);

        Sync();
        var events = LastEvents();

        Assert.Equal([office.Nip(firm)], Loaded("fakt"));
        Assert.Contains(events, e => e.Code == "sync.firms-unchanged" && e.Program == "fakt");
        Assert.Contains(events, e => e.Code == "sync.program-unchanged" && e.Program == "raks");
    }

    [Fact]
    public async Task Firm_markers_of_firms_about_to_be_read_are_removed_before_the_read_and_the_others_kept()
    {
        Configure();
        Sync();
        var firms = await RaksFirmsWithDeclarations();
        var markers = FirmMarkers();
        Assert.Equal(1, await Execute(Raks3000,
            "UPDATE R3_DEKLARACJE SET PODATEK = PODATEK + 1 WHERE ID = (SELECT MIN(ID) FROM R3_DEKLARACJE WHERE NIP = @p0 " +
            "AND DATA_DEKLARACJI BETWEEN '2024-01-01' AND '2024-12-31')", firms[0].Nip));
        // the next read fails for the changed firm only: its own file is spoiled, so it gets no marker and is read again
        SpoilFirmFiles(exceptFile: FirmFile(firms[1].FirmKey));

        _cli.Run(["sync", "--from", From, "--to", To, "--json"]);
        var after = FirmMarkers();

        Assert.True(markers.ContainsKey(firms[0].FirmKey) && markers.ContainsKey(firms[1].FirmKey));
        Assert.False(after.ContainsKey(firms[0].FirmKey));
        Assert.Equal(markers[firms[1].FirmKey], after[firms[1].FirmKey]);
    }

    private LanguageExt.Map<string, KonektoSync.Transform.Planning.FirmMark> FirmMarkers()
    {
        using var state = StateStore.Open(new DataDir(_cli.DataDir).StateDb);
        return ChangeMarkers.ReadFirms(state.Connection, ProgramId.Raks);
    }
}
