using KonektoSync.Load.Panel;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;

namespace KonektoSync.Tests.Panel;

/// <summary>Client accounts in an SQLite server database.</summary>
public sealed class ClientAccountsOnSqliteTests : ClientAccountsTests
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

/// <summary>Client accounts in a PostgreSQL server database.</summary>
public sealed class ClientAccountsOnPostgresTests : ClientAccountsTests
{
    protected override PanelStorage Storage => PanelStorage.Postgres;
}

/// <summary>
/// Client accounts: made through an activation token, passwords hashed, lock-out after wrong
/// passwords; the same tests on each storage.
/// </summary>
public abstract class ClientAccountsTests : IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    private const string FirmA = "5261040828";
    private const string FirmB = "7010012312";
    private const string Password = "Zażółć gęślą 2024";
    private static readonly DateTimeOffset Now = new(2024, 3, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder folder = new();
    private PanelServerRig server = null!;
    private Office office = null!;

    private ServerStore Store => server.Store;

    public async Task InitializeAsync()
    {
        server = await PanelServerRig.Start(folder, storage: Storage);
        await server.Office("Biuro Nowak");
        office = (await Store.Offices(default)).Single();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    private async Task<string> Token(string firm = FirmA, string email = "Zofia@Example.pl") =>
        await (await Store.Messages(office, default))
            .NewActivationToken(firm, "name:Zofia Gęślarz", email, Now, TimeSpan.FromDays(7), default);

    private async Task<ClientAccount> Activate(string firm = FirmA, string password = Password)
    {
        var (at, used) = (await Store.RedeemActivation(await Token(firm), Now, default))!.Value;
        Assert.Equal(office, at);
        return (await Store.SetClientPassword(at, used, password, Now, default))
            .Match(a => a, p => throw new InvalidOperationException(p.Message));
    }

    private Task<ClientSignIn> SignIn(string password, DateTimeOffset at, string email = "zofia@example.pl") =>
        Store.SignInClient(email, password, at, default);

    private static string Code(ClientSignIn r) =>
        r.Accounts.Count > 0 ? "signed in" : r.LockedUntil is null ? "failed" : "locked until " + r.LockedUntil.Value.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Code<T>(LanguageExt.Either<KonektoSync.Domain.Problem, T> r) =>
        r.Match(_ => "set", p => p.Code);

    [Fact]
    public async Task An_account_made_through_an_activation_signs_in_with_its_password_and_the_email_in_any_case()
    {
        var account = await Activate();

        var signedIn = await SignIn(Password, Now, "  ZOFIA@example.PL ");

        Assert.Equal((office.Id, FirmA, "name:Zofia Gęślarz", "zofia@example.pl"),
            (account.OfficeId, account.FirmNip, account.PersonKey, account.Email));
        Assert.Equal([account], signedIn.Accounts);
        Assert.Equal(account, await Store.ClientAccountOf(account.Id, default));
    }

    [Fact]
    public async Task The_password_is_kept_only_as_a_hash()
    {
        await Activate();

        var all = await server.Query("SELECT password_hash FROM client_accounts");

        Assert.DoesNotContain(Password, Assert.Single(all));
        Assert.True(Assert.Single(all).Length > 40);
    }

    [Fact]
    public async Task A_password_shorter_than_ten_characters_is_refused()
    {
        var (at, used) = (await Store.RedeemActivation(await Token(), Now, default))!.Value;

        var set = await Store.SetClientPassword(at, used, "123456789", Now, default);

        Assert.Equal("client.password.short", Code(set));
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_email_fails_alike()
    {
        await Activate();

        Assert.Equal("failed", Code(await SignIn("wrong password", Now)));
        Assert.Equal("failed", Code(await SignIn(Password, Now, "nobody@example.pl")));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        await Activate();
        for (var i = 1; i < ServerStore.MaxFailedSignIns; i++)
            Assert.Equal("failed", Code(await SignIn("wrong password", Now)));

        var fifth = await SignIn("wrong password", Now);
        var right = await SignIn(Password, Now.AddMinutes(14));
        var later = await SignIn(Password, Now.AddMinutes(16));

        Assert.Equal("locked until 09:15", Code(fifth));
        Assert.Equal("locked until 09:15", Code(right));
        Assert.Equal("signed in", Code(later));
    }

    [Fact]
    public async Task A_right_password_clears_the_count_of_wrong_ones()
    {
        await Activate();
        for (var i = 1; i < ServerStore.MaxFailedSignIns; i++) await SignIn("wrong password", Now);

        await SignIn(Password, Now);
        var wrongAgain = await SignIn("wrong password", Now);

        Assert.Equal("failed", Code(wrongAgain));
    }

    [Fact]
    public async Task A_new_link_sets_a_new_password_on_the_same_account()
    {
        var first = await Activate();

        var second = await Activate(password: "another password 1");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("failed", Code(await SignIn(Password, Now)));
        Assert.Equal("signed in", Code(await SignIn("another password 1", Now)));
    }

    [Fact]
    public async Task One_email_of_two_firms_opens_both_accounts_with_one_password()
    {
        var a = await Activate(FirmA);
        var b = await Activate(FirmB);

        var signedIn = await SignIn(Password, Now);

        Assert.Equal([a, b], signedIn.Accounts);
    }

    [Fact]
    public async Task A_used_token_cannot_make_another_account()
    {
        var token = await Token();
        Assert.NotNull(await Store.RedeemActivation(token, Now, default));

        Assert.Null(await Store.RedeemActivation(token, Now, default));
        Assert.False(await Store.ActivationValid(token, Now, default));
    }
}
