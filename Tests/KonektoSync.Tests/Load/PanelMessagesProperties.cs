using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Load.Panel;
using KonektoSync.Tests.Panel;

namespace KonektoSync.Tests.Load;

/// <summary>Redeeming activation tokens, on an SQLite panel file.</summary>
[Properties(MaxTest = 40)]
public class PanelMessagesProperties
{
    private static readonly DateTimeOffset Created = new(2024, 3, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ValidFor = TimeSpan.FromHours(10);

    // attempts in order, each at a number of hours after the token was made (some after its expiry)
    private static Gen<int[]> Attempts => Gen.Choose(0, 14).ArrayOf().Select(a => a.Take(8).ToArray());

    [Property]
    public Property A_token_redeems_at_most_once_and_exactly_at_its_first_attempt_before_expiry() =>
        Prop.ForAll(Attempts.ToArbitrary(), hours =>
        {
            var results = Redeem(hours).GetAwaiter().GetResult();
            var first = Array.FindIndex(hours, h => TimeSpan.FromHours(h) < ValidFor);
            return results.Count(r => r) <= 1
                && results.Select((won, i) => won == (i == first)).All(ok => ok);
        });

    private static async Task<bool[]> Redeem(int[] hours)
    {
        await using var db = await TestPanelDatabase.Create(PanelStorage.Sqlite, "unused");
        var log = await PanelMessages.Open(db.Database, default);
        var token = await log.NewActivationToken("5261040828", "nip:5261040828", "a@example.pl", Created, ValidFor, default);
        var other = await log.NewActivationToken("5261040828", "nip:5261040828", "a@example.pl", Created, ValidFor, default);
        var results = new List<bool>();
        foreach (var h in hours)
            results.Add(await log.RedeemActivation(token, Created.AddHours(h), default) is not null);
        // another token of the same person is untouched by these redemptions
        return await log.RedeemActivation(other, Created, default) is null
            ? throw new InvalidOperationException("redeeming one token used another")
            : results.ToArray();
    }
}
