using System.Text;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using Microsoft.Data.Sqlite;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

public sealed class LocalPanelTests : IDisposable
{
    private const string PeselText = "44051401359";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static DeliveryBatch Deliver(LoadCommand c, bool approve = false) =>
        Batch(Run("r1"), c with { Approve = approve }, FactStatus.New);

    private static LoadCommand BasicOf(string name, string email, string ownerEmail) =>
        Command(DataKind.Basic, Basic(FirmA, name, email,
            Owner("Anna", "Kowalska", PeselText, ownerEmail)));

    [Fact]
    public async Task A_pesel_is_kept_only_as_digest_and_masked_form()
    {
        var rig = new LoadRig(folder, "p");
        var sut = await rig.Panel();

        await sut.Deliver(Deliver(BasicOf("Firma", "a@b.pl", "anna@b.pl")), default);

        var person = (await sut.ShowFirm(FirmA, default)).Match(v => v, p => throw new Exception(p.Message)).People.Single();
        Assert.Equal("*********59", person.PeselMasked);
        var files = Directory.GetFiles(folder.Path, "p-panel.db*");
        Assert.DoesNotContain(files, f => Encoding.ASCII.GetString(File.ReadAllBytes(f)).Contains(PeselText));
    }

    [Fact]
    public async Task With_basic_data_updates_off_a_known_firm_keeps_its_name_email_and_phone()
    {
        var rig = new LoadRig(folder, "p");
        await (await rig.Panel()).Deliver(Deliver(BasicOf("Old name", "old@b.pl", "anna@old.pl")), default);
        var sut = await rig.Panel(updateBasicData: false);

        await sut.Deliver(Deliver(BasicOf("New name", "new@b.pl", "anna@new.pl")), default);

        var view = (await sut.ShowFirm(FirmA, default)).Match(v => v, p => throw new Exception(p.Message));
        Assert.Equal(("Old name", "old@b.pl", "anna@old.pl"), (view.Name, view.Email, view.People.Single().Email));
    }

    [Fact]
    public async Task With_basic_data_updates_off_a_new_firm_is_still_added()
    {
        var rig = new LoadRig(folder, "p");
        var sut = await rig.Panel(updateBasicData: false);

        await sut.Deliver(Deliver(BasicOf("New firm", "new@b.pl", "anna@new.pl")), default);

        Assert.Equal(["New firm"], (await sut.ListFirms(default)).Select(f => f.Name));
    }

    [Fact]
    public async Task With_basic_data_updates_on_a_known_firm_takes_the_new_values()
    {
        var rig = new LoadRig(folder, "p");
        var sut = await rig.Panel(updateBasicData: true);
        await sut.Deliver(Deliver(BasicOf("Old name", "old@b.pl", "anna@old.pl")), default);

        await sut.Deliver(Deliver(BasicOf("New name", "new@b.pl", "anna@new.pl")), default);

        var view = (await sut.ShowFirm(FirmA, default)).Match(v => v, p => throw new Exception(p.Message));
        Assert.Equal(("New name", "new@b.pl", "anna@new.pl"), (view.Name, view.Email, view.People.Single().Email));
    }

    [Fact]
    public async Task With_basic_data_updates_on_an_email_or_phone_the_program_lacks_is_not_erased()
    {
        var rig = new LoadRig(folder, "p");
        var sut = await rig.Panel(updateBasicData: true);
        await sut.Deliver(Deliver(BasicOf("Firma", "biuro@b.pl", "anna@b.pl")), default);
        var withoutContacts = Command(DataKind.Basic, Basic(FirmA, "Firma", null,
            Owner("Anna", "Kowalska", PeselText, null)));

        await sut.Deliver(Deliver(withoutContacts), default);

        var view = (await sut.ShowFirm(FirmA, default)).Match(v => v, p => throw new Exception(p.Message));
        Assert.Equal(("biuro@b.pl", "anna@b.pl"), (view.Email, view.People.Single().Email));
    }

    [Fact]
    public async Task With_basic_data_updates_off_a_known_firm_keeps_its_address()
    {
        var rig = new LoadRig(folder, "p");
        await (await rig.Panel()).Deliver(Deliver(BasicOf("Firma", "a@b.pl", "anna@b.pl")), default);
        var sut = await rig.Panel(updateBasicData: false);
        var moved = Basic(FirmA, "Firma", "a@b.pl", Owner("Anna", "Kowalska", PeselText, "anna@b.pl"));
        moved = Make(moved.Key, new FactBody.BasicData(((FactBody.BasicData)moved.Body).Firm with
        {
            Address = "Rynek 1, 30-001 Kraków",
        }));

        await sut.Deliver(Deliver(Command(DataKind.Basic, moved)), default);

        var view = (await sut.ShowFirm(FirmA, default)).Match(v => v, p => throw new Exception(p.Message));
        Assert.Equal("ul. Długa 1, 00-001 Warszawa", view.Address);
    }

    [Fact]
    public async Task A_changed_approved_value_becomes_unapproved_unless_the_batch_approves()
    {
        var sut = await new LoadRig(folder, "p").Panel();
        await sut.Deliver(Deliver(Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 100m)), approve: true), default);
        await sut.Deliver(Deliver(Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 100m))), default);
        var unchanged = (await sut.ListFirms(default)).Single().HasUnapproved;

        await sut.Deliver(Deliver(Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 120m))), default);

        Assert.Equal((false, true), (unchanged, (await sut.ListFirms(default)).Single().HasUnapproved));
    }

    [Fact]
    public async Task Approving_a_firm_approves_all_its_unapproved_data_and_counts_it()
    {
        var sut = await new LoadRig(folder, "p").Panel();
        await sut.Deliver(Deliver(Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 100m))), default);
        await sut.Deliver(Deliver(Command(DataKind.Taxes, Tax(FirmA, TaxKind.Pit4, Month(2024, 1), 5m),
            Tax(FirmA, TaxKind.Vat7, Month(2024, 1), 5m))), default);
        await sut.Deliver(Deliver(Command(DataKind.Statements, TaxBook(FirmA, Month(2024, 1), 10m))), default);

        var actual = await sut.Approve(FirmA, Noon, default);

        Assert.Equal(new ApprovalCounts(1, 2, 0, 1), actual.Match(c => c, p => throw new Exception(p.Message)));
        Assert.False((await sut.ListFirms(default)).Single().HasUnapproved);
    }

    [Fact]
    public async Task Approving_a_firm_the_panel_does_not_hold_is_a_problem()
    {
        var sut = await new LoadRig(folder, "p").Panel();

        var actual = await sut.Approve(FirmB, Noon, default);

        Assert.Equal("panel.firm.unknown", actual.Match(_ => "", p => p.Code));
    }

    [Fact]
    public async Task The_firm_list_counts_each_kind_of_data()
    {
        var sut = await new LoadRig(folder, "p").Panel();
        await sut.Deliver(Deliver(BasicOf("Firma", "a@b.pl", "anna@b.pl")), default);
        await sut.Deliver(Deliver(Command(DataKind.Statements, TrialBalance(FirmA, Month(2024, 1), "100", 1m),
            TrialBalance(FirmA, Month(2024, 1), "201", 2m))), default);
        await sut.Deliver(Deliver(Command(DataKind.Zus, Zus(FirmB, Month(2024, 1), 100m))), default);

        var actual = await sut.ListFirms(default);

        Assert.Equal(
            [new PanelFirmSummary("1234563218", "Firma", true, 1, 0, 0, 2),
             new PanelFirmSummary("8567346215", "", true, 0, 1, 0, 0)],
            actual);
    }

    [Fact]
    public async Task A_batch_with_a_fact_of_another_group_is_refused_whole()
    {
        var sut = await new LoadRig(folder, "p").Panel();
        var batch = new DeliveryBatch(Run("r1"), FirmA, DataKind.Zus, false,
            [new DeliveryItem(Zus(FirmA, Month(2024, 1), 1m), FactStatus.New),
             new DeliveryItem(Tax(FirmA, TaxKind.Cit, Month(2024, 1), 1m), FactStatus.New)]);

        await Assert.ThrowsAsync<ArgumentException>(() => sut.Deliver(batch, default));

        Assert.Empty(await sut.ListFirms(default));
    }

    [Fact]
    public async Task Two_panels_with_the_same_content_export_the_same_bytes()
    {
        var (one, two) = (new LoadRig(folder, "one"), new LoadRig(folder, "two"));
        var zus = Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 1m), Zus(FirmA, Month(2024, 2), 2m));
        var taxes = Command(DataKind.Taxes, Tax(FirmB, TaxKind.Vat7, Month(2024, 1), 3m));
        var p1 = await one.Panel();
        await p1.Deliver(Deliver(zus), default);
        await p1.Deliver(Deliver(taxes), default);
        var p2 = await two.Panel();
        await p2.Deliver(Batch(Run("other"), taxes, FactStatus.New), default);
        await p2.Deliver(Deliver(zus with { Facts = zus.Facts.Rev() }), default);

        var (a, b) = (await one.Export(), await two.Export());

        Assert.Equal(a, b);
        Assert.Equal(8, a.Count);
    }

    [Fact]
    public async Task The_panels_users_are_given_to_matching_with_their_pesel_as_digest()
    {
        var sut = await new LoadRig(folder, "p").Panel();
        var anna = Owner("Anna", "Kowalska", PeselText, "anna@b.pl");
        await sut.Deliver(Deliver(Command(DataKind.Basic, Basic(FirmA, "Firma", null, anna))), default);

        var actual = await sut.PeopleIdentities(FirmA, default);

        Assert.Equal(new[] { KonektoSync.Transform.Firms.PersonIdentity.Of(anna, TestKeys.Pesel) }, actual.ToArray());
    }

    [Fact]
    public async Task An_activation_is_recorded_once_per_person()
    {
        var sut = await new LoadRig(folder, "p").Panel();
        var anna = Owner("Anna", "Kowalska", PeselText, "anna@b.pl");

        var first = await sut.RecordActivation(FirmA, anna, "anna@b.pl", Noon, default);
        var second = await sut.RecordActivation(FirmA, anna, "anna@b.pl", Noon.AddDays(1), default);

        Assert.Equal((true, false), (first, second));
    }

    [Fact]
    public async Task A_recorded_summary_is_exported_without_its_time()
    {
        var rig = new LoadRig(folder, "p");
        var sut = await rig.Panel();

        await sut.RecordSummary(FirmA, Month(2024, 2), new Channels(Sms: true, Email: true), Noon, default);

        var csv = Encoding.UTF8.GetString((await rig.Export())["summaries_sent.csv"]);
        Assert.Equal("firm_nip,period,channels\r\n1234563218,2024-02,\"email,sms\"\r\n", csv);
    }

    [Fact]
    public async Task A_firms_contributions_are_found_by_payer_through_an_index_not_a_scan_of_every_firm()
    {
        // the PESEL re-key check of every ZUS group asks for a firm's contributions by payer
        var rig = new LoadRig(folder, "p");
        await rig.Panel();

        await using var connection = new SqliteConnection($"Data Source={rig.PanelDb};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT 1 FROM zus z WHERE z.firm_nip = $firm AND z.payer_key = 'pesel:' || $old";
        cmd.Parameters.AddWithValue("$firm", FirmA.Value);
        cmd.Parameters.AddWithValue("$old", "abc");
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.Contains("SEARCH", StringComparison.Ordinal) && step.Contains("zus_firm_payer", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }
}
