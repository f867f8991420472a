using KonektoSync.Domain;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Tests.Generators;
using KonektoSync.Tests.Load;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Host;

/// <summary>
/// A data folder written before keyed PESEL digests: the panel and the journal of an older
/// version (written here with <see cref="PeselKey.Unkeyed"/>, whose texts and hashes
/// ContentHashPinnedTests pins to the old values), then synced with a keyed digest.
/// </summary>
public sealed class PeselRekeyTests : IDisposable
{
    private const string OwnerPesel = "44051401359";
    private static readonly Nip Firm = DomainGen.Valid(Nip.Create("1234563218"));
    private static readonly Period January = DomainGen.Valid(Period.Create(2024, 1));
    private static readonly DateOnly Today = new(2024, 3, 1);
    private static readonly Options Activating = Options.Default with { AutoActivation = true };
    private readonly TempFolder folder = new();

    private string PanelDb => folder.File("panel.db");
    private string StateDb => folder.File("konektosync.db");
    private static string Unkeyed => PeselKey.Unkeyed.Digest(OwnerPesel);
    private static string Keyed => TestKeys.Pesel.Digest(OwnerPesel);

    public void Dispose() => folder.Dispose();

    private static IReadOnlyList<SourceRecord> BasicRecords()
    {
        var owner = new RawPerson("Jan", "Kowalski", OwnerPesel, null, "jan@example.pl", null, "owner");
        var raw = new RawFirm(ProgramId.Raks, "1", "123-456-32-18", "Kowalski sp. j.", "Długa 1", "00-001", "Warszawa",
            "biuro@example.pl", null, null, [owner]);
        return [new RawBasicData(ProgramId.Raks, "1", Firm, raw)];
    }

    private static IReadOnlyList<SourceRecord> ZusRecords() =>
        [new RawZusDeclaration(ProgramId.Raks, "1", Firm, "10", null, OwnerPesel, "Jan Kowalski", "SelfOnly",
            2024, 1, 600m, 250m, 0m, 0m, 380m, 0m, 0m, 0m, 1230m)];

    /// <summary>One sync of basic data and ZUS for January under <paramref name="key"/>; its events and how many facts went.</summary>
    private async Task<(List<SyncEvent> Events, int Sent)> Sync(PeselKey key, bool approve)
    {
        var request = new SyncRequest(January, January, Set(DataKind.Basic, DataKind.Zus), None, approve, false, true);
        await using var loader = await Loader.Open(StateDb, TimeProvider.System, LoadRig.TestSeal, CancellationToken.None);
        var panel = await LocalPanel.Open(PanelDb, true, TimeProvider.System, key, CancellationToken.None);
        var target = SyncTarget.Of(panel, panel, FaultPlace.Panel, PanelDb);
        await loader.Reconcile(SyncService.PanelSinkName, target.Sink, CancellationToken.None);
        var step = new GroupStep(RunId.Of(Guid.NewGuid()), target, loader, StateDb, request, Activating, TimeProvider.System, key);
        var events = new List<SyncEvent>();
        events.AddRange(await step.Complete(ProgramId.Raks, Firm, DataKind.Basic, BasicRecords(), CancellationToken.None));
        events.AddRange(await step.Complete(ProgramId.Raks, Firm, DataKind.Zus, ZusRecords(), CancellationToken.None));
        return (events, step.Sent);
    }

    private async Task<List<string[]>> Rows(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var rdr = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await rdr.ReadAsync())
            rows.Add(Enumerable.Range(0, rdr.FieldCount).Select(i => rdr.IsDBNull(i) ? "" : Convert.ToString(rdr.GetValue(i))!).ToArray());
        return rows;
    }

    [Fact]
    public async Task An_older_data_folder_is_rekeyed_on_the_first_sync_without_a_duplicate_person_or_a_lost_approval()
    {
        var old = await Sync(PeselKey.Unkeyed, approve: true);
        Assert.Equal(2, old.Sent);
        Assert.Equal(new[] { "pesel:" + Unkeyed }, (await Rows(PanelDb, "SELECT person_key FROM people")).Select(r => r[0]));
        // the activation link the office sent then, under the old digest
        await Rows(PanelDb, $"INSERT INTO activations_sent VALUES ('{Firm.Value}', 'pesel:{Unkeyed}', 'jan@example.pl', '2024-02-01')");

        var upgraded = await Sync(TestKeys.Pesel, approve: false);

        Assert.Equal(0, upgraded.Sent);
        var person = Assert.Single(await Rows(PanelDb, "SELECT person_key, pesel_digest FROM people"));
        Assert.Equal(new[] { "pesel:" + Keyed, Keyed }, person);
        var zus = Assert.Single(await Rows(PanelDb, "SELECT fact_key, payer_key, approved FROM zus"));
        Assert.Equal(new[] { $"{Firm.Value}|zus|2024-01|pesel:{Keyed}", "pesel:" + Keyed, "1" }, zus);
        Assert.Equal(new[] { "pesel:" + Keyed },
            (await Rows(PanelDb, "SELECT person_key FROM activations_sent")).Select(r => r[0]));
        Assert.Contains(new[] { $"{Firm.Value}|zus|2024-01|pesel:{Keyed}", "1" },
            await Rows(StateDb, "SELECT fact_key, approved FROM journal"));
        Assert.DoesNotContain(upgraded.Events, e => e.Code == "activation.sent" || e.Code == "value.disappeared");
        Assert.Contains(upgraded.Events, e => e.Code == "pesel.rekeyed");
    }

    [Fact]
    public async Task After_the_move_neither_the_panel_nor_the_state_database_nor_an_event_holds_the_unkeyed_digest()
    {
        await Sync(PeselKey.Unkeyed, approve: true);

        var upgraded = await Sync(TestKeys.Pesel, approve: false);
        var again = await Sync(TestKeys.Pesel, approve: false);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(folder.Path))
        {
            var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(Unkeyed, text);
            Assert.DoesNotContain(OwnerPesel, text);
        }
        Assert.All(upgraded.Events.Concat(again.Events), e =>
        {
            Assert.DoesNotContain(Unkeyed, e.Message);
            Assert.DoesNotContain(Unkeyed, string.Join("|", e.Args));
        });
        Assert.Equal(0, again.Sent);
        Assert.DoesNotContain(again.Events, e => e.Code == "pesel.rekeyed");
    }

    [Fact]
    public async Task A_fact_changed_in_the_program_since_the_older_version_is_sent_once_under_its_new_key()
    {
        await Sync(PeselKey.Unkeyed, approve: false);
        var request = new SyncRequest(January, January, Set(DataKind.Zus), None, false, false, true);
        await using var loader = await Loader.Open(StateDb, TimeProvider.System, LoadRig.TestSeal, CancellationToken.None);
        var panel = await LocalPanel.Open(PanelDb, true, TimeProvider.System, TestKeys.Pesel, CancellationToken.None);
        var step = new GroupStep(RunId.Of(Guid.NewGuid()), SyncTarget.Of(panel, panel, FaultPlace.Panel, PanelDb), loader, StateDb,
            request, Options.Default, TimeProvider.System, TestKeys.Pesel);
        var changed = ZusRecords().Cast<RawZusDeclaration>().Select(z => z with { TotalDue = 1300m, Zdrowotne = 450m });

        await step.Complete(ProgramId.Raks, Firm, DataKind.Zus, changed.ToList<SourceRecord>(), CancellationToken.None);

        Assert.Equal(1, step.Sent);
        var zus = Assert.Single(await Rows(PanelDb, "SELECT payer_key, total_due FROM zus"));
        Assert.Equal(new[] { "pesel:" + Keyed, "1300.00" }, zus);
    }
}
