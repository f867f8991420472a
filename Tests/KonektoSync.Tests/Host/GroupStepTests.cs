using KonektoSync.Transform.Firms;
using KonektoSync.Domain;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Host;

/// <summary>The pure decision of one group: facts, load plan, activations and events from what was read.</summary>
public sealed class GroupStepTests
{
    private static readonly Nip Firm = DomainGen.Valid(Nip.Create("1234563218"));
    private static readonly Period January = DomainGen.Valid(Period.Create(2024, 1));
    private static readonly RunId Run = RunId.Of(Guid.Parse("00000000-0000-0000-0000-000000000001"));
    private static readonly SyncRequest Request = new(January, January, Set(DataKind.Basic), None, false, false, true);
    private static readonly DateOnly Today = new(2024, 3, 1);
    private static readonly Options Activating = Options.Default with { AutoActivation = true };

    private static GroupRead Basic(params Person[] inPanel)
    {
        var owner = new RawPerson("Jan", "Kowalski", "44051401359", null, "jan@example.pl", null, "owner");
        var raw = new RawFirm(ProgramId.Raks, "1", "123-456-32-18", "Kowalski sp. j.", "Długa 1", "00-001", "Warszawa",
            "biuro@example.pl", null, null, [owner]);
        return new GroupRead(ProgramId.Raks, Firm, DataKind.Basic,
            Seq1<SourceRecord>(new RawBasicData(ProgramId.Raks, "1", Firm, raw)), toSeq(inPanel).Map(p => PersonIdentity.Of(p, TestKeys.Pesel)), Today, TestKeys.Pesel);
    }

    private static Dictionary<string, Confirmed> Journal(params (FactKey Key, string Hash)[] rows) =>
        rows.ToDictionary(r => r.Key.Text, r => new Confirmed(r.Key.Text, r.Key.Period, r.Key.Subject, r.Hash, false));

    [Fact]
    public void A_group_the_journal_never_saw_delivers_its_facts_as_new_and_activates_the_new_owner()
    {
        var plan = GroupStep.Decide(Run, Basic(), Journal(), Request, Activating, wantsUnchanged: false);

        var item = Assert.Single(plan.Batch.Items);
        Assert.Equal((FactStatus.New, Run, Firm, DataKind.Basic), (item.Status, plan.Batch.Run, plan.Batch.Firm, plan.Batch.Kind));
        Assert.Equal("jan@example.pl", Assert.Single(plan.Decision.Activations).Email);
        var loaded = Assert.Single(plan.Events, e => e.Code == "group.loaded");
        Assert.Equal(Seq("Raks", "basic", Firm.Formatted, "1", "0", "0"), loaded.Args);
    }

    [Fact]
    public void A_group_the_journal_confirmed_with_the_same_content_delivers_nothing()
    {
        var first = GroupStep.Decide(Run, Basic(), Journal(), Request, Options.Default, false);
        var fact = first.Decision.Command.Facts.Head;

        var plan = GroupStep.Decide(Run, Basic(), Journal((fact.Key, fact.ContentHash)), Request, Options.Default, false);

        Assert.Empty(plan.Batch.Items);
        Assert.Equal(1, plan.Load.Unchanged);
    }

    [Fact]
    public void A_user_the_panel_has_already_gets_no_activation_and_none_go_out_with_the_option_off()
    {
        var jan = new Person("Jan", "Kowalski", None, None, Some("jan@example.pl"), None, PersonRole.Owner);

        var known = GroupStep.Decide(Run, Basic(jan), Journal(), Request, Activating, false);
        var off = GroupStep.Decide(Run, Basic(), Journal(), Request, Options.Default, false);

        Assert.True(known.Decision.Activations.IsEmpty);
        Assert.True(off.Decision.Activations.IsEmpty);
    }

    [Fact]
    public void A_value_confirmed_in_the_range_and_no_longer_read_is_reported_and_not_sent()
    {
        var gone = new FactKey(Firm, DataKind.Taxes, Some(January), "VAT-7");
        var read = new GroupRead(ProgramId.Raks, Firm, DataKind.Taxes, Seq<SourceRecord>(), Seq<PersonIdentity>(), Today, TestKeys.Pesel);

        var plan = GroupStep.Decide(Run, read, Journal((gone, "h")), Request with { Kinds = Set(DataKind.Taxes) },
            Options.Default, false);

        Assert.Empty(plan.Batch.Items);
        var disappeared = Assert.Single(plan.Events, e => e.Code == "value.disappeared");
        Assert.Equal((Some(Firm), Some(DataKind.Taxes)), (disappeared.Firm, disappeared.Kind));
    }

    [Fact]
    public async Task A_sink_that_throws_is_a_panel_fault_naming_its_file_and_the_batch_stays_staged_in_the_outbox()
    {
        using var folder = new KonektoSync.Tests.Load.TempFolder();
        var stateDb = folder.File("konektosync.db");
        var loader = await Loader.Open(stateDb, TimeProvider.System, KonektoSync.Tests.Load.LoadRig.TestSeal, CancellationToken.None);
        var target = SyncTarget.Of(new ThrowingSink(), null, FaultPlace.Panel, folder.File("panel.db"));
        var step = new GroupStep(Run, target, loader, stateDb, Request, Options.Default, TimeProvider.System, TestKeys.Pesel);
        var read = Basic();

        var fault = await Assert.ThrowsAsync<SyncFault>(() =>
            step.Complete(read.Program, read.Firm, read.Kind, read.Records.ToList(), CancellationToken.None));

        Assert.Equal((FaultPlace.Panel, folder.File("panel.db")), (fault.Place, fault.Path));
        Assert.IsType<InvalidOperationException>(fault.InnerException);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={stateDb};Pooling=False");
        await connection.OpenAsync();
        Assert.Single(await Outbox.Pending(connection, SyncService.PanelSinkName, KonektoSync.Tests.Load.LoadRig.TestSeal, CancellationToken.None));
    }

    [Fact]
    public async Task A_state_database_damaged_during_the_sync_is_a_state_fault_naming_it()
    {
        using var folder = new KonektoSync.Tests.Load.TempFolder();
        var stateDb = folder.File("konektosync.db");
        var loader = await Loader.Open(stateDb, TimeProvider.System, KonektoSync.Tests.Load.LoadRig.TestSeal, CancellationToken.None);
        var target = SyncTarget.Of(new ThrowingSink(), null, FaultPlace.Panel, folder.File("panel.db"));
        var step = new GroupStep(Run, target, loader, stateDb, Request, Options.Default, TimeProvider.System, TestKeys.Pesel);
        // the loader's connection is closed (as between two runs) and the file is damaged before its next use
        await loader.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(folder.Path, "konektosync.db*")) File.Delete(f);
        File.WriteAllBytes(stateDb, Enumerable.Repeat((byte)0x5A, 4096).ToArray());
        var read = Basic();

        var fault = await Assert.ThrowsAsync<SyncFault>(() =>
            step.Complete(read.Program, read.Firm, read.Kind, read.Records.ToList(), CancellationToken.None));

        Assert.Equal((FaultPlace.State, stateDb), (fault.Place, fault.Path));
    }

    [Fact]
    public void A_fault_is_described_with_its_file_and_remedy_and_without_the_password_of_its_message()
    {
        var fault = new SyncFault(FaultPlace.State, "/data/konektosync.db",
            new InvalidOperationException("cannot open Data Source=x;Password=Sekret;"));

        var actual = SyncFaults.Describe(fault, "/data/logs");

        Assert.Equal(("sync.fault.state", Severity.Error), (actual.Code, actual.Severity));
        Assert.Contains("/data/konektosync.db", actual.Message);
        Assert.Contains("konektosync firms --refresh", actual.Remedy);
        Assert.DoesNotContain("Sekret", actual.Message + actual.Remedy + string.Join("", actual.Args));
    }

    [Fact]
    public void An_exception_outside_any_file_is_unexpected_and_points_to_the_log_folder()
    {
        var actual = SyncFaults.Describe(new NullReferenceException(), "/data/logs");

        Assert.Equal("sync.fault.unexpected", actual.Code);
        Assert.Contains("/data/logs", actual.Remedy);
    }

    private sealed class ThrowingSink : IPanelSink
    {
        public string Name => SyncService.PanelSinkName;

        public Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel) =>
            throw new InvalidOperationException("the panel went away");
    }

    [Fact]
    public void Approving_the_update_marks_the_batch_approved()
    {
        var plan = GroupStep.Decide(Run, Basic(), Journal(), Request with { Approve = true }, Options.Default, false);

        Assert.True(plan.Batch.Approve);
    }

    [Fact]
    public void Panel_users_are_told_apart_by_their_PESEL_digest_not_by_their_name()
    {
        var namesake = new Person("Jan", "Kowalski", Some(DomainGen.Valid(Pesel.Create("02070803628"))), None,
            Some("inny@example.pl"), None, PersonRole.Owner);
        var renamed = new Person("Janusz", "Kowalski-Nowak", Some(DomainGen.Valid(Pesel.Create("44051401359"))), None,
            None, None, PersonRole.Owner);

        var besideNamesake = GroupStep.Decide(Run, Basic(namesake), Journal(), Request, Activating, false);
        var besideSamePerson = GroupStep.Decide(Run, Basic(renamed), Journal(), Request, Activating, false);

        Assert.Equal("jan@example.pl", Assert.Single(besideNamesake.Decision.Activations).Email);
        Assert.True(besideSamePerson.Decision.Activations.IsEmpty);
    }
}
