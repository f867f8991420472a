using System.Net;
using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;
using Microsoft.Extensions.Time.Testing;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Panel;

/// <summary>The client pages on an SQLite server store.</summary>
public sealed class ClientPagesOnSqliteTests : ClientPagesTests
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

/// <summary>The client pages on a PostgreSQL server store.</summary>
public sealed class ClientPagesOnPostgresTests : ClientPagesTests
{
    protected override PanelStorage Storage => PanelStorage.Postgres;
}

/// <summary>
/// The clients' pages over real HTTP (a loopback Kestrel): the activation link, setting a
/// password, the firm page with only approved data of only the client's own firm, the lock-out,
/// antiforgery, and no token or PESEL where it must not be; on each storage.
/// </summary>
public abstract class ClientPagesTests : IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    private const string Password = "moje-haslo-2024";
    private const string OwnerPesel = "44051401359";
    private const string Email = "jan@kowalski.pl";
    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2024, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private PanelServerRig server = null!;
    private KonektoSync.Panel.Office office = null!;

    public async Task InitializeAsync()
    {
        server = await PanelServerRig.Start(folder, storage: Storage, clock: clock);
        using var sink = server.Sink(await server.Office("Biuro A"));
        office = (await server.Store.Offices(default)).Single();
        var batches = new[]
        {
            Command(DataKind.Basic, Basic(FirmA, "Kowalski sp. j.", "biuro@kowalski.pl",
                Owner("Jan", "Kowalski", OwnerPesel, Email))) with { Approve = true },
            // February approved, January not: the client sees February only
            Command(DataKind.Zus, Zus(FirmA, Month(2024, 2), 1184.27m)) with { Approve = true },
            Command(DataKind.Taxes, Tax(FirmA, TaxKind.Vat7, Month(2024, 2), 2500m)) with { Approve = true },
            Command(DataKind.Statements, TaxBook(FirmA, Month(2024, 2), 900m)) with { Approve = true },
            Command(DataKind.Zus, Zus(FirmA, Month(2024, 1), 4321.09m)),
            Command(DataKind.Basic, Basic(FirmB, "Nowak s.c.", null)) with { Approve = true },
            Command(DataKind.Zus, Zus(FirmB, Month(2024, 2), 7777.77m)) with { Approve = true },
        };
        var id = 0;
        foreach (var c in batches)
            await sink.Deliver(Batch(Run("r1"), c, FactStatus.New) with { OutboxId = ++id }, default);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    private async Task<string> Token(Nip? firm = null) =>
        await (await server.Store.Messages(office, default)).NewActivationToken((firm ?? FirmA).Value, "name:jan kowalski",
            Email, clock.GetUtcNow(), TimeSpan.FromDays(7), default);

    private static Task<WebBrowser.Page> SetPassword(WebBrowser browser, string token, string password, string? confirm = null) =>
        browser.Post("/client/activate", ("token", token), ("password", password), ("confirm", confirm ?? password));

    private async Task<WebBrowser> Activated(Nip? firm = null)
    {
        var browser = new WebBrowser(server.Url);
        var token = await Token(firm);
        await browser.Get("/activate/" + token);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPassword(browser, token, Password)).Status);
        return browser;
    }

    [Fact]
    public async Task The_activation_link_sets_a_password_signs_in_and_shows_what_to_pay_this_month()
    {
        using var browser = new WebBrowser(server.Url);
        var token = await Token();

        var form = await browser.Get("/activate/" + token);
        var set = await SetPassword(browser, token, Password);
        var firm = await browser.Get(set.Location!);

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("<label for=\"password\">Nowe hasło</label>", form.Html);
        Assert.Contains("<label for=\"confirm\">Powtórz nowe hasło</label>", form.Html);
        Assert.Equal("no-referrer", string.Join(",", form.Response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("/client", set.Location);
        Assert.Equal(HttpStatusCode.OK, firm.Status);
        Assert.Contains("<h1>Kowalski sp. j.</h1>", firm.Html);
        var due = firm.Html[firm.Html.IndexOf("id=\"due-this-month\"", StringComparison.Ordinal)..];
        Assert.Contains("1 184,27 zł", due);
        Assert.Contains("15.03.2024", due);
        Assert.Contains("2 500,00 zł", due);
        Assert.Contains("25.03.2024", due);
        Assert.Contains("Księga przychodów i rozchodów", firm.Html);
        Assert.Contains("900,00 zł", firm.Html);
    }

    [Fact]
    public async Task A_client_never_sees_a_month_the_office_has_not_approved()
    {
        using var browser = await Activated();

        var firm = await browser.Get("/client");

        Assert.Contains("data-period=\"2024-02\"", firm.Html);
        Assert.DoesNotContain("data-period=\"2024-01\"", firm.Html);
        Assert.DoesNotContain("4 321,09", firm.Html);
        Assert.DoesNotContain("styczeń 2024", firm.Html);
    }

    [Fact]
    public async Task The_firm_page_shows_no_PESEL_not_even_masked()
    {
        using var browser = await Activated();

        var firm = await browser.Get("/client");

        Assert.DoesNotContain(OwnerPesel, firm.Html);
        Assert.DoesNotContain("*********59", firm.Html);
    }

    [Fact]
    public async Task A_client_of_firm_A_cannot_reach_firm_B_by_any_address()
    {
        using var browser = await Activated();

        var own = await browser.Get("/client/firms/" + FirmA.Value);
        var other = await browser.Get("/client/firms/" + FirmB.Value);
        var garbage = await browser.Get("/client/firms/..%2F" + FirmB.Value);
        var office = await browser.Get("/office");
        var api = await browser.Get("/api/v1/firms/" + FirmB.Value);
        var home = await browser.Get("/client?nip=" + FirmB.Value);

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(HttpStatusCode.NotFound, garbage.Status);
        Assert.Equal(HttpStatusCode.Redirect, office.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, api.Status);
        foreach (var page in new[] { own, other, garbage, home })
        {
            Assert.DoesNotContain("7 777,77", page.Html);
            Assert.DoesNotContain("Nowak s.c.", page.Html);
        }
    }

    [Fact]
    public async Task A_client_of_two_firms_chooses_between_them_and_sees_each()
    {
        using var a = await Activated(FirmA);
        using var browser = await Activated(FirmB);
        await browser.Get("/client/sign-in");
        await browser.Post("/client/sign-in", ("email", Email), ("password", Password));

        var list = await browser.Get("/client");
        var b = await browser.Get("/client/firms/" + FirmB.Value);

        Assert.Contains("/client/firms/" + FirmA.Value, list.Html);
        Assert.Contains("/client/firms/" + FirmB.Value, list.Html);
        Assert.Contains("7 777,77 zł", b.Html);
    }

    [Fact]
    public async Task A_second_use_of_the_link_fails_with_a_page_saying_to_ask_the_office_for_a_new_one()
    {
        using var browser = new WebBrowser(server.Url);
        var token = await Token();
        await browser.Get("/activate/" + token);
        await SetPassword(browser, token, Password);

        var again = await browser.Get("/activate/" + token);
        await browser.Get("/client/sign-in"); // a page with a form: its antiforgery token goes with the post
        var post = await SetPassword(browser, token, "inne-haslo-2024");

        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Contains("Poproś biuro rachunkowe o przesłanie nowego linku.", again.Html);
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(new WebBrowser(server.Url), Password)).Status);
    }

    [Fact]
    public async Task An_expired_or_unknown_link_fails()
    {
        using var browser = new WebBrowser(server.Url);
        var token = await Token();
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        var expired = await browser.Get("/activate/" + token);
        var unknown = await browser.Get("/activate/abc");

        Assert.Equal(HttpStatusCode.Gone, expired.Status);
        Assert.Equal(HttpStatusCode.Gone, unknown.Status);
        await browser.Get("/client/sign-in");
        Assert.Equal(HttpStatusCode.Gone, (await SetPassword(browser, token, Password)).Status);
    }

    [Fact]
    public async Task A_short_or_mistyped_password_is_refused_and_the_link_still_works()
    {
        using var browser = new WebBrowser(server.Url);
        var token = await Token();
        await browser.Get("/activate/" + token);

        var tooShort = await SetPassword(browser, token, "krotkie");
        var mistyped = await SetPassword(browser, token, Password, Password + "x");
        var right = await SetPassword(browser, token, Password);

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.Contains("co najmniej 10 znaków", tooShort.Html);
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.Status);
        Assert.Contains("Hasła się różnią", mistyped.Html);
        Assert.Equal(HttpStatusCode.Redirect, right.Status);
    }

    private static async Task<WebBrowser.Page> SignIn(WebBrowser browser, string password)
    {
        await browser.Get("/client/sign-in");
        return await browser.Post("/client/sign-in", ("email", Email), ("password", password));
    }

    [Fact]
    public async Task Sign_in_and_sign_out_and_a_page_without_a_sign_in_goes_to_the_sign_in_page()
    {
        (await Activated()).Dispose();
        using var browser = new WebBrowser(server.Url);

        var before = await browser.Get("/client");
        var signIn = await SignIn(browser, Password);
        var firm = await browser.Get("/client");
        var signOut = await browser.Post("/client/sign-out");
        var after = await browser.Get("/client");

        Assert.Equal(("/client/sign-in", "/client"), (before.Location, signIn.Location));
        Assert.Contains("<label for=\"email\">E-mail</label>", (await browser.Get("/client/sign-in")).Html);
        Assert.Contains("1 184,27 zł", firm.Html);
        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        Assert.Equal("/client/sign-in", after.Location);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        (await Activated()).Dispose();
        using var browser = new WebBrowser(server.Url);

        for (var i = 0; i < ServerStore.MaxFailedSignIns - 1; i++)
            Assert.Contains("Nieprawidłowy e-mail lub hasło.", (await SignIn(browser, "zle-haslo-" + i)).Html);
        var fifth = await SignIn(browser, "zle-haslo-5");
        var right = await SignIn(browser, Password);
        clock.Advance(ServerStore.LockOut + TimeSpan.FromSeconds(1));
        var later = await SignIn(browser, Password);

        Assert.Contains("zablokowane do 10.03.2024 10:15", fifth.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, right.Status);
        Assert.Equal(HttpStatusCode.Redirect, later.Status);
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        using var signedIn = await Activated();
        using var browser = new WebBrowser(server.Url);
        var token = await Token();
        await browser.Get("/activate/" + token);

        var activate = await browser.Post("/client/activate",
            [new("token", token), new("password", Password), new("confirm", Password)], withToken: false);
        var signIn = await browser.Post("/client/sign-in", [new("email", Email), new("password", Password)], withToken: false);
        var signOut = await signedIn.Post("/client/sign-out", [], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, activate.Status);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/activate/" + token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Get("/client")).Status);
    }

    [Fact]
    public async Task The_token_and_the_password_never_reach_the_servers_log()
    {
        using var browser = new WebBrowser(server.Url);
        var token = await Token();
        await browser.Get("/activate/" + token);
        await SetPassword(browser, token, Password);
        await browser.Get("/activate/" + token);

        Assert.NotEmpty(server.Log.Lines);
        Assert.DoesNotContain(server.Log.Lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Log.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_firm_page_is_in_English_when_asked()
    {
        using var browser = await Activated();

        await browser.Get("/lang/en?back=/client");
        var firm = await browser.Get("/client");

        Assert.Contains("<html lang=\"en\">", firm.Html);
        Assert.Contains("To pay in March 2024", firm.Html);
        Assert.Contains("1184.27", firm.Html);
    }
}
