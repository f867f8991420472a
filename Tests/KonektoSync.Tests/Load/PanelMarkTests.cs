using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>The panel's identity and generation, kept in the panel and the journal, and compared at the start of a run.</summary>
public sealed class PanelMarkTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly LoadRig rig;

    public PanelMarkTests() => rig = new LoadRig(folder, "run");

    public void Dispose() => folder.Dispose();

    private static LoadCommand Taxes(decimal vat) => Command(DataKind.Taxes,
        Tax(FirmA, TaxKind.Vat7, Month(2024, 1), vat),
        Tax(FirmA, TaxKind.Pit4, Month(2024, 1), 300m));

    private void RemovePanel()
    {
        foreach (var f in Directory.EnumerateFiles(folder.Path, "run-panel.db*")) File.Delete(f);
    }

    [Fact]
    public async Task Every_delivery_advances_the_panels_generation_and_the_panel_keeps_its_identity()
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        var before = await panel.Mark(default);

        await loader.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        await loader.Load(Run("r2"), panel.Name, Taxes(101m), panel, default);
        var after = await (await rig.Panel()).Mark(default);

        Assert.Equal((before!.Identity, before.Generation + 2), (after!.Identity, after.Generation));
        Assert.True(before.Identity.Length >= 32);
    }

    [Fact]
    public async Task The_panel_the_journal_knows_is_no_mismatch_and_the_journal_is_kept()
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        Assert.True((await loader.Reconcile(panel.Name, panel, default)).IsNone);
        await loader.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);

        var actual = await loader.Reconcile(panel.Name, panel, default);
        var again = await loader.Load(Run("r2"), panel.Name, Taxes(100m), panel, default);

        Assert.True(actual.IsNone);
        Assert.Equal(0, again.Delivered);
    }

    [Fact]
    public async Task A_new_panel_file_is_another_panel_and_the_next_load_sends_everything_again()
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        await loader.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        RemovePanel();
        var fresh = await rig.Panel();

        var actual = await loader.Reconcile(fresh.Name, fresh, default);
        var load = await loader.Load(Run("r2"), fresh.Name, Taxes(100m), fresh, default);
        var second = await loader.Reconcile(fresh.Name, fresh, default);

        Assert.Equal(new PanelMismatch(MismatchReason.OtherPanel, 2), actual.Case);
        Assert.Equal((2, 2), (load.New, load.Delivered));
        Assert.True(second.IsNone);
    }

    [Fact]
    public async Task An_older_copy_of_the_panel_is_found_by_its_generation()
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        await loader.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        var copy = folder.File("copy.db");
        File.Copy(rig.PanelDb, copy);
        await loader.Load(Run("r2"), panel.Name, Taxes(101m), panel, default);
        RemovePanel();
        File.Copy(copy, rig.PanelDb);
        var restored = await rig.Panel();

        var actual = await loader.Reconcile(restored.Name, restored, default);
        var load = await loader.Load(Run("r3"), restored.Name, Taxes(101m), restored, default);

        Assert.Equal(new PanelMismatch(MismatchReason.OlderCopy, 2), actual.Case);
        Assert.Equal(2, load.Delivered);
        Assert.Equal(await (await rig.Panel()).Mark(default), await KeptMark(restored.Name));
    }

    [Fact]
    public async Task A_crash_between_delivery_and_confirmation_is_no_mismatch_and_recovery_brings_the_marks_together()
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        await loader.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        var crashing = new CrashingSink(panel, CrashPoint.AfterDelivery);
        await Assert.ThrowsAsync<SimulatedCrash>(() => loader.Load(Run("r2"), panel.Name, Taxes(101m), crashing, default));

        var actual = await loader.Reconcile(panel.Name, panel, default);
        var recovered = await loader.Recover(panel.Name, panel, default);

        Assert.True(actual.IsNone);
        Assert.Equal(1, recovered);
        Assert.Equal(await panel.Mark(default), await KeptMark(panel.Name));
        Assert.Equal(0, (await loader.Load(Run("r3"), panel.Name, Taxes(101m), panel, default)).Delivered);
    }

    [Fact]
    public async Task A_journal_with_facts_but_no_mark_is_not_trusted()
    {
        var loader = await rig.Loader();
        var panel = await rig.Panel();
        await loader.Load(Run("r1"), panel.Name, Taxes(100m), new Unmarked(panel), default);

        var actual = await loader.Reconcile(panel.Name, panel, default);

        Assert.Equal(new PanelMismatch(MismatchReason.Unmarked, 2), actual.Case);
    }

    private async Task<PanelMark?> KeptMark(string sink)
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={rig.StateDb};Pooling=False");
        await c.OpenAsync();
        return await JournalStore.ReadMark(c, sink, default);
    }

    /// <summary>A sink as an earlier version saw the panel: its receipts carry no mark.</summary>
    private sealed class Unmarked(IPanelSink inner) : IPanelSink
    {
        public string Name => inner.Name;

        public async Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel) =>
            (await inner.Deliver(batch, cancel)) with { Mark = null };
    }
}
