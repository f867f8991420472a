using KonektoSync.Load.Panel;
using KonektoSync.Tests.Panel;

namespace KonektoSync.Tests.Load;

/// <summary>The message log and activation tokens in an SQLite panel file.</summary>
public sealed class PanelMessagesOnSqliteTests : PanelMessagesTests
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

/// <summary>The message log and activation tokens in a PostgreSQL database.</summary>
public sealed class PanelMessagesOnPostgresTests : PanelMessagesTests
{
    protected override PanelStorage Storage => PanelStorage.Postgres;
}

/// <summary>The message log and activation tokens: recording, and redeeming a token once.</summary>
public abstract class PanelMessagesTests : IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    private static readonly DateTimeOffset Now = new(2024, 3, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private TestPanelDatabase db = null!;
    private PanelMessages log = null!;

    public async Task InitializeAsync()
    {
        db = await TestPanelDatabase.Create(Storage, "pgmsg");
        log = await PanelMessages.Open(db.Database, default);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private Task<string> Token() =>
        log.NewActivationToken("5261040828", "name:Zofia Gęślarz", "zofia@example.pl", Now, Week, default);

    [Fact]
    public async Task A_token_redeems_once_with_its_firm_person_and_email_and_never_again()
    {
        var token = await Token();

        var first = await log.RedeemActivation(token, Now.AddHours(1), default);
        var second = await log.RedeemActivation(token, Now.AddHours(2), default);

        Assert.NotNull(first);
        Assert.Equal(("5261040828", "name:Zofia Gęślarz", "zofia@example.pl"), (first.FirmNip, first.PersonKey, first.Email));
        Assert.Null(second);
        Assert.Null(await log.FindActivation(token, Now.AddHours(2), default));
    }

    [Fact]
    public async Task An_expired_token_does_not_redeem_and_an_unexpired_one_still_does()
    {
        var token = await Token();

        Assert.Null(await log.RedeemActivation(token, Now + Week, default));
        Assert.NotNull(await log.RedeemActivation(token, Now + Week - TimeSpan.FromSeconds(1), default));
    }

    [Fact]
    public async Task An_unknown_token_does_not_redeem()
    {
        await Token();

        Assert.Null(await log.RedeemActivation("not-a-token-the-panel-made", Now, default));
    }

    [Fact]
    public async Task Of_concurrent_redemptions_of_one_token_exactly_one_wins()
    {
        var token = await Token();

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => log.RedeemActivation(token, Now.AddMinutes(5), default))));

        Assert.Single(all, r => r is not null);
    }

    [Fact]
    public async Task Two_tokens_of_one_person_are_independent()
    {
        var first = await Token();
        var second = await Token();

        Assert.NotNull(await log.RedeemActivation(first, Now, default));
        Assert.NotNull(await log.RedeemActivation(second, Now, default));
    }

    [Fact]
    public async Task Attempts_are_numbered_and_listed_per_firm()
    {
        await log.Record("5261040828", "summary", "email", "a@example.pl", "2024-02", "", "Podsumowanie", PanelMessages.Failed,
            "550 mailbox unavailable", Now, default);
        await log.Record("5261040828", "summary", "email", "a@example.pl", "2024-02", "", "Podsumowanie", PanelMessages.Sent,
            "", Now.AddMinutes(1), default);
        await log.Record("7010012312", "summary", "sms", "+48600100200", "2024-02", "", "", PanelMessages.Failed,
            "503", Now.AddMinutes(2), default);

        var firm = await log.List("5261040828", default);

        Assert.Equal([1, 2], firm.Select(m => m.Attempt));
        Assert.Equal("550 mailbox unavailable", firm[0].Reason);
        Assert.Equal([new FailedSummary("7010012312", "2024-02", "sms", 1)], await log.FailedSummaries(default));
    }
}
