using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

public sealed class OutboxPrivacyTests : IDisposable
{
    private const string OwnerPesel = "44051401359";
    private const string PayerPesel = "02070803628";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Fact PeselPayerZus()
    {
        var zus = (FactBody.Zus)Zus(FirmA, Month(2024, 2), 100m).Body;
        var payer = PayerKey.OfPesel(PeselOf(PayerPesel), "Jan Kowalski", TestKeys.Pesel);
        return Make(new FactKey(FirmA, DataKind.Zus, Some(Month(2024, 2)), payer.Key),
            zus with { Contribution = zus.Contribution with { Payer = payer } });
    }

    private static DeliveryBatch Staged(params Fact[] facts) =>
        new(Run("r1"), FirmA, facts[0].Key.Kind, false, facts.Select(f => new DeliveryItem(f, FactStatus.New)).ToList());

    private async Task<(SqliteConnection, List<string>)> StageAndRead(DeliveryBatch[] batches)
    {
        var stateDb = folder.File("konektosync.db");
        await Loader.Open(stateDb, TimeProvider.System, Seal, CancellationToken.None);
        var connection = new SqliteConnection($"Data Source={stateDb};Pooling=False");
        await connection.OpenAsync();
        foreach (var b in batches)
            await Outbox.Stage(connection, "panel", b, Noon, Seal, CancellationToken.None);
        var bodies = new List<string>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT body FROM outbox_facts";
        await using var rdr = await cmd.ExecuteReaderAsync();
        while (await rdr.ReadAsync()) bodies.Add(rdr.GetString(0));
        return (connection, bodies);
    }

    private static readonly PeselSeal Seal = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task Pending_outbox_bodies_hold_no_pesel_in_clear_text_and_read_back_whole()
    {
        var basic = Basic(FirmA, "Kowalski sp. j.", null, Owner("Jan", "Kowalski", OwnerPesel, null));
        var zus = PeselPayerZus();

        var (connection, bodies) = await StageAndRead([Staged(basic), Staged(zus)]);
        await using var _ = connection;

        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, b => Assert.DoesNotContain(OwnerPesel, b));
        Assert.All(bodies, b => Assert.DoesNotContain(PayerPesel, b));
        var pending = await Outbox.Pending(connection, "panel", Seal, CancellationToken.None);
        Assert.Equal([basic, zus], pending.SelectMany(p => p.Batch.Items).Select(i => i.Fact));
    }

    [Fact]
    public async Task A_pending_body_cannot_be_read_with_another_data_folders_key()
    {
        var basic = Basic(FirmA, "Kowalski sp. j.", null, Owner("Jan", "Kowalski", OwnerPesel, null));
        var (connection, _) = await StageAndRead([Staged(basic)]);
        await using var __ = connection;
        var other = new PeselSeal(new byte[32]);

        await Assert.ThrowsAsync<InvalidDataException>(() => Outbox.Pending(connection, "panel", other, CancellationToken.None));
    }
}
