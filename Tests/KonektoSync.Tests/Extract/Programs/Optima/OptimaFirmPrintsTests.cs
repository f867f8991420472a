using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Optima;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Extract.Programs.Optima;

/// <summary>
/// Optima on the PostgreSQL stand-in keeps a database per firm: each firm's fingerprint
/// (<see cref="IFirmFingerprints"/>) holds its own database's change marker, so a write to one firm's
/// database moves that firm's fingerprint alone, and a write to another database of the server none.
/// </summary>
public sealed class OptimaFirmPrintsTests(OptimaFixture optima) : IClassFixture<OptimaFixture>
{
    private ReadPlan Plan() => new(
        optima.Sample.Firms.Where(f => Nip.Create(f.Nip).IsSuccess)
            .Select(f => new ReadItem(f.FirmKey, Nip.Create(f.Nip).Match(n => n, _ => throw new InvalidOperationException()),
                Set(DataKind.Taxes, DataKind.Zus)))
            .ToSeq(),
        Period.Create(2024, 1).Match(p => p, _ => throw new InvalidOperationException()), Period.Create(2024, 12).Match(p => p, _ => throw new InvalidOperationException()));

    private async Task<Map<string, string>> Prints(ReadPlan plan)
    {
        var connector = (IFirmFingerprints)OptimaFixture.Connector();
        var prints = await connector.FirmPrints(OptimaFixture.Config(optima.Writer.Catalog), plan, CancellationToken.None);
        return prints.Match(p => p.Shared, () => throw new InvalidOperationException("Optima's firms were not fingerprinted"));
    }

    [Fact]
    public async Task A_write_to_one_firms_database_moves_that_firms_fingerprint_alone()
    {
        var plan = Plan();
        var before = await Prints(plan);
        var again = await Prints(plan);
        var changed = plan.Items.Head.FirmKey;
        await using (var c = await optima.Writer.Open(optima.Writer.FirmDatabase(changed), CancellationToken.None))
            await OptimaSampleWriter.Exec(c, "UPDATE \"CDN\".\"DeklNag\" SET \"DkN_RokMiesiac\" = \"DkN_RokMiesiac\" WHERE \"DkN_DkNID\" = (SELECT min(\"DkN_DkNID\") FROM \"CDN\".\"DeklNag\")",
                CancellationToken.None);
        var after = await Prints(plan);

        Assert.True(plan.Items.Count >= 2);
        Assert.Equal(plan.Items.Count, before.Count);
        Assert.Equal(before, again);
        Assert.NotEqual(before.Find(changed), after.Find(changed));
        foreach (var item in plan.Items.Tail)
            Assert.Equal(before.Find(item.FirmKey), after.Find(item.FirmKey));
    }

    [Fact]
    public async Task A_write_to_another_database_of_the_server_moves_no_firms_fingerprint()
    {
        var plan = Plan();
        var before = await Prints(plan);
        var (other, _) = await optima.Write("other");
        await using (var c = await other.Open(other.FirmDatabase(plan.Items.Head.FirmKey), CancellationToken.None))
            await OptimaSampleWriter.Exec(c, "DELETE FROM \"CDN\".\"DeklWydr\"", CancellationToken.None);

        Assert.Equal(before, await Prints(plan));
    }
}
