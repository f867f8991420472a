using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;
using static KonektoSync.Tests.Load.LoadFixtures;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Load;

public sealed class LoaderTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly LoadRig rig;

    public LoaderTests() => rig = new LoadRig(folder, "run");

    public void Dispose() => folder.Dispose();

    private static LoadCommand Taxes(decimal vat) => Command(DataKind.Taxes,
        Tax(FirmA, TaxKind.Vat7, Month(2024, 1), vat),
        Tax(FirmA, TaxKind.Pit4, Month(2024, 1), 300m),
        Tax(FirmA, TaxKind.Vat7, Month(2024, 2), 500m));

    [Fact]
    public async Task A_first_load_sends_every_fact_as_new()
    {
        var sut = await rig.Loader();
        var sink = new CrashingSink(await rig.Panel(), CrashPoint.None);

        var actual = await sut.Load(Run("r1"), sink.Name, Taxes(100m), sink, default);

        Assert.Equal((3, 0, 0, 3), (actual.New, actual.Changed, actual.Unchanged, actual.Delivered));
        Assert.All(sink.Delivered.Single().Items, i => Assert.Equal(FactStatus.New, i.Status));
    }

    [Fact]
    public async Task Loading_the_same_command_again_sends_nothing()
    {
        var sut = await rig.Loader();
        var sink = new CrashingSink(await rig.Panel(), CrashPoint.None);
        await sut.Load(Run("r1"), sink.Name, Taxes(100m), sink, default);

        var actual = await sut.Load(Run("r2"), sink.Name, Taxes(100m), sink, default);

        Assert.Equal((0, 0, 3, 0), (actual.New, actual.Changed, actual.Unchanged, actual.Delivered));
        Assert.Single(sink.Delivered);
    }

    [Fact]
    public async Task Only_a_changed_value_is_sent_and_it_is_marked_changed()
    {
        var sut = await rig.Loader();
        var sink = new CrashingSink(await rig.Panel(), CrashPoint.None);
        await sut.Load(Run("r1"), sink.Name, Taxes(100m), sink, default);

        var actual = await sut.Load(Run("r2"), sink.Name, Taxes(101m), sink, default);

        Assert.Equal((0, 1, 2), (actual.New, actual.Changed, actual.Unchanged));
        var item = sink.Delivered[1].Items.Single();
        Assert.Equal((FactStatus.Changed, Pln(101m)),
            (item.Status, ((FactBody.Tax)item.Fact.Body).Liability.Amount));
    }

    [Fact]
    public async Task Approving_unchanged_data_sends_it_once_and_approves_it_in_the_panel()
    {
        var sut = await rig.Loader();
        var panel = await rig.Panel();
        var sink = new CrashingSink(panel, CrashPoint.None);
        await sut.Load(Run("r1"), sink.Name, Taxes(100m), sink, default);

        var first = await sut.Load(Run("r2"), sink.Name, Taxes(100m) with { Approve = true }, sink, default);
        var second = await sut.Load(Run("r3"), sink.Name, Taxes(100m) with { Approve = true }, sink, default);

        Assert.Equal((3, 0), (first.Delivered, second.Delivered));
        var firms = await panel.ListFirms(default);
        Assert.False(firms.Single().HasUnapproved);
    }

    [Fact]
    public async Task A_value_missing_from_the_new_command_is_reported_and_kept_in_the_panel()
    {
        var sut = await rig.Loader();
        var panel = await rig.Panel();
        await sut.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        var without = Command(DataKind.Taxes, Tax(FirmA, TaxKind.Vat7, Month(2024, 1), 100m))
            with { Months = Some((Month(2024, 1), Month(2024, 2))) };

        var actual = await sut.Load(Run("r2"), panel.Name, without, panel, default);

        Assert.Equal(["1234563218|taxes|2024-01|PIT-4", "1234563218|taxes|2024-02|VAT-7"],
            actual.Disappeared.Map(k => k.Text).ToArray());
        Assert.Equal(3, (await panel.ListFirms(default)).Single().Taxes);
    }

    [Fact]
    public async Task A_value_outside_the_commands_months_is_not_reported_as_disappeared()
    {
        var sut = await rig.Loader();
        var panel = await rig.Panel();
        await sut.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        var january = Command(DataKind.Taxes,
            Tax(FirmA, TaxKind.Vat7, Month(2024, 1), 100m), Tax(FirmA, TaxKind.Pit4, Month(2024, 1), 300m));

        var actual = await sut.Load(Run("r2"), panel.Name, january, panel, default);

        Assert.Empty(actual.Disappeared);
    }

    [Theory]
    [InlineData(CrashPoint.BeforeDelivery)]
    [InlineData(CrashPoint.AfterDelivery)]
    public async Task A_run_that_dies_around_delivery_is_completed_by_recovery(CrashPoint crash)
    {
        var clean = new LoadRig(folder, "clean");
        await (await clean.Loader()).Load(Run("r1"), "local-panel", Taxes(100m), await clean.Panel(), default);
        var dying = new CrashingSink(await rig.Panel(), crash);
        var dyingLoader = await rig.Loader();
        await Assert.ThrowsAsync<SimulatedCrash>(() =>
            dyingLoader.Load(Run("r1"), dying.Name, Taxes(100m), dying, default));

        var recovered = await (await rig.Loader()).Recover("local-panel", await rig.Panel(), default);

        Assert.Equal(1, recovered);
        Assert.Equal(await clean.Export(), await rig.Export());
        var again = await (await rig.Loader()).Load(Run("r2"), "local-panel", Taxes(100m), await rig.Panel(), default);
        Assert.Equal(0, again.Delivered);
    }

    [Fact]
    public async Task A_run_that_dies_before_staging_leaves_nothing_to_recover()
    {
        var sut = await rig.Loader();
        var panel = await rig.Panel();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sut.Load(Run("r1"), panel.Name, Taxes(100m), panel, cancelled.Token));

        var recovered = await (await rig.Loader()).Recover(panel.Name, panel, default);

        Assert.Equal(0, recovered);
        Assert.Empty(await panel.ListFirms(default));
    }

    [Fact]
    public async Task A_load_delivers_what_a_dead_run_left_before_its_own_batch()
    {
        var dying = new CrashingSink(await rig.Panel(), CrashPoint.BeforeDelivery);
        var dyingLoader = await rig.Loader();
        await Assert.ThrowsAsync<SimulatedCrash>(() =>
            dyingLoader.Load(Run("r1"), dying.Name, Taxes(100m), dying, default));
        var sink = new CrashingSink(await rig.Panel(), CrashPoint.None);

        var actual = await (await rig.Loader()).Load(Run("r2"), sink.Name, Taxes(101m), sink, default);

        Assert.Equal([3, 1], sink.Delivered.Select(b => b.Items.Count));
        Assert.Equal((0, 1, 2), (actual.New, actual.Changed, actual.Unchanged));
    }

    [Fact]
    public async Task A_dry_run_never_advances_the_real_panels_journal()
    {
        var sut = await rig.Loader();
        var dryRun = await rig.DryRun();
        await sut.Load(Run("r1"), "local-panel", Taxes(100m), dryRun, default);
        var panel = await rig.Panel();

        var actual = await sut.Load(Run("r2"), panel.Name, Taxes(100m), panel, default);

        Assert.Equal((3, 3), (actual.New, actual.Delivered));
    }

    [Fact]
    public async Task A_dry_run_gets_unchanged_facts_too()
    {
        var sut = await rig.Loader();
        var panel = await rig.Panel();
        await sut.Load(Run("r1"), panel.Name, Taxes(100m), panel, default);
        var dryRun = await rig.DryRun();

        var actual = await sut.Load(Run("r2"), panel.Name, Taxes(101m), dryRun, default);

        Assert.Equal((1, 2, 3), (actual.Changed, actual.Unchanged, actual.Delivered));
    }
}
