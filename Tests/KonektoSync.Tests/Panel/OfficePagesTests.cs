using System.Net;
using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;
using Microsoft.Extensions.Time.Testing;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Panel;

/// <summary>The office pages on an SQLite server store.</summary>
public sealed class OfficePagesOnSqliteTests : OfficePagesTests
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

/// <summary>The office pages on a PostgreSQL server store.</summary>
public sealed class OfficePagesOnPostgresTests : OfficePagesTests
{
    protected override PanelStorage Storage => PanelStorage.Postgres;
}

/// <summary>
/// The office's pages over real HTTP (a loopback Kestrel): signing in, the lock-out, sign-in and
/// antiforgery on every page and form, the security headers; on each storage.
/// </summary>
public abstract class OfficePagesTests : IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    internal const string Password = "haslo-biura-1";
    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2024, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private PanelServerRig server = null!;

    internal PanelServerRig Server => server;

    internal string TokenA { get; private set; } = "";

    internal string TokenB { get; private set; } = "";

    /// <summary>Delivers an office's data of a firm (PanelServerTests.Office: a PESEL owner and payer, ZUS, VAT, statements) to the server.</summary>
    internal async Task Deliver(string token, Nip firm, decimal vat, string run = "r1", bool approve = false)
    {
        using var sink = server.Sink(token);
        var rig = new LoadRig(folder, "sync-" + token[^6..].Replace('-', 'x').Replace('_', 'y'));
        var loader = await rig.Loader();
        await loader.Reconcile("panel", sink, default);
        await loader.Recover("panel", sink, default);
        foreach (var c in PanelServerTests.Office(firm, vat, approve)) await loader.Load(Run(run), "panel", c, sink, default);
    }

    public async Task InitializeAsync()
    {
        server = await PanelServerRig.Start(folder, storage: Storage, clock: clock);
        TokenA = await server.Office("Biuro A");
        TokenB = await server.Office("Biuro B");
        foreach (var (office, login) in new[] { (1L, "anna"), (2L, "bogdan") })
            (await server.Store.AddStaff(office, login, Password, clock.GetUtcNow(), default))
                .Match(_ => { }, p => throw new InvalidOperationException(p.Message));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task The_right_password_signs_in_and_opens_the_firms_page_of_the_staff_members_office()
    {
        using var browser = new WebBrowser(server.Url);

        var signedIn = await browser.SignIn("anna", Password);
        var firms = await browser.Get(signedIn.Location!);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/office", signedIn.Location);
        Assert.Equal(HttpStatusCode.OK, firms.Status);
        Assert.Contains("<h1>Firmy</h1>", firms.Html);
        Assert.Contains("Biuro A · anna", firms.Html);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_login_signs_nobody_in()
    {
        using var browser = new WebBrowser(server.Url);

        var wrong = await browser.SignIn("anna", Password + "x");
        var unknown = await browser.SignIn("nikt", Password);
        var page = await browser.Get("/office");

        foreach (var p in new[] { wrong, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, p.Status);
            Assert.Contains("Nieprawidłowy login lub hasło.", p.Html);
        }
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/office/sign-in", page.Location);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_password()
    {
        using var browser = new WebBrowser(server.Url);

        for (var i = 0; i < ServerStore.MaxFailedSignIns - 1; i++)
            Assert.Contains("Nieprawidłowy", (await browser.SignIn("anna", "zle-haslo-" + i)).Html);
        var fifth = await browser.SignIn("anna", "zle-haslo-5");
        var rightButLocked = await browser.SignIn("anna", Password);
        clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await browser.SignIn("anna", Password);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var after = await browser.SignIn("anna", Password);

        Assert.Contains("zablokowane do 10.03.2024 10:15", fifth.Html);
        Assert.Contains("zablokowane do", rightButLocked.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, stillLocked.Status);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Equal("/office", after.Location);
    }

    [Fact]
    public async Task A_success_clears_the_count_of_failed_attempts()
    {
        using var browser = new WebBrowser(server.Url);
        for (var i = 0; i < ServerStore.MaxFailedSignIns - 1; i++) await browser.SignIn("anna", "zle-haslo");
        await browser.SignIn("anna", Password);
        for (var i = 0; i < ServerStore.MaxFailedSignIns - 1; i++) await browser.SignIn("anna", "zle-haslo");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignIn("anna", Password)).Status);
    }

    /// <summary>Every office page and form the server has (a firm that exists in no panel is enough to reach the route).</summary>
    public static readonly string[] Pages = ["/office", "/office/runs", "/office/firms/5261040828"];

    public static readonly string[] Forms =
    [
        "/office/sign-out", "/office/firms/5261040828/approve", "/office/firms/5261040828/summary",
        "/office/firms/5261040828/activation",
    ];

    [Fact]
    public async Task Every_page_and_form_without_a_sign_in_is_sent_to_the_sign_in_page()
    {
        using var browser = new WebBrowser(server.Url);
        await browser.Get("/office/sign-in");

        foreach (var path in Pages)
        {
            var page = await browser.Get(path);
            Assert.True(page.Status == HttpStatusCode.Redirect && page.Location == "/office/sign-in", path);
        }
        foreach (var path in Forms)
        {
            var posted = await browser.Post(path);
            Assert.True(posted.Status == HttpStatusCode.Redirect && posted.Location == "/office/sign-in", path);
        }
    }

    [Fact]
    public async Task Every_form_without_its_antiforgery_token_is_refused_with_400()
    {
        using var browser = new WebBrowser(server.Url);
        await browser.Get("/office/sign-in");
        var signIn = await browser.Post("/office/sign-in", [new("login", "anna"), new("password", Password)], withToken: false);
        await browser.SignIn("anna", Password);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);
        foreach (var path in Forms)
        {
            var posted = await browser.Post(path, [], withToken: false);
            Assert.True(posted.Status == HttpStatusCode.BadRequest, path + " " + posted.Status);
            Assert.Contains("Formularz wygasł", posted.Html);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/office")).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_sign_in()
    {
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);
        await browser.Get("/office");

        var signedOut = await browser.Post("/office/sign-out");
        var after = await browser.Get("/office");

        Assert.Equal("/office/sign-in", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
    }

    [Fact]
    public async Task A_removed_staff_account_is_signed_out_at_its_next_request()
    {
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);

        Assert.True((await server.Store.RemoveStaff(1, "anna", default)).IsRight);
        var after = await browser.Get("/office");

        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Equal("/office/sign-in", after.Location);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_the_cookies_are_HttpOnly_and_SameSite_Strict()
    {
        using var browser = new WebBrowser(server.Url);
        await browser.Get("/office/sign-in");
        var signedIn = await browser.Post("/office/sign-in", ("login", "anna"), ("password", Password));
        var page = await browser.Get("/office");

        var csp = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.DoesNotContain("<script", page.Html);
        Assert.Equal("DENY", page.Response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        var cookie = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("konektosync.office=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/office", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_language_switch_keeps_the_page_and_sets_its_lang()
    {
        using var browser = new WebBrowser(server.Url);
        var polish = await browser.Get("/office/sign-in");

        var switched = await browser.Get("/lang/en?back=" + Uri.EscapeDataString("/office/sign-in"));
        var english = await browser.Get(switched.Location!);
        var outside = await browser.Get("/lang/pl?back=" + Uri.EscapeDataString("//evil.example/"));

        Assert.Contains("<html lang=\"pl\">", polish.Html);
        Assert.Equal("/office/sign-in", switched.Location);
        Assert.Contains("<html lang=\"en\">", english.Html);
        Assert.Contains("<h1>Office panel: sign in</h1>", english.Html);
        Assert.Equal("/", outside.Location);
    }

    [Fact]
    public async Task The_firm_page_shows_amounts_in_Polish_format_with_due_dates_and_statuses()
    {
        await Deliver(TokenA, FirmA, 1184.27m);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);

        var page = await browser.Get("/office/firms/" + FirmA.Value);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<h1>Kowalski sp. j.</h1>", page.Html);
        Assert.Contains("1 184,27 zł", page.Html);
        Assert.Contains("1 000,00 zł", page.Html);
        Assert.Matches(@"data-test=""due"">\d\d\.\d\d\.\d{4}<", page.Html);
        Assert.Contains("złożona", page.Html);
        Assert.Contains("data-test=\"entry-unapproved\"", page.Html);
    }

    [Fact]
    public async Task No_page_shows_a_PESEL_in_full()
    {
        await Deliver(TokenA, FirmA, 500m);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);

        var html = (await browser.Get("/office")).Html + (await browser.Get("/office/firms/" + FirmA.Value)).Html
            + (await browser.Get("/office/firms/" + FirmA.Value + "?approved=1")).Html;

        Assert.Contains("*********59", html);
        Assert.DoesNotContain("44051401359", html);
        Assert.DoesNotContain("02070803628", html);
    }

    [Fact]
    public async Task A_staff_member_of_office_B_cannot_open_a_firm_of_office_A_by_its_NIP()
    {
        await Deliver(TokenA, FirmA, 500m);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("bogdan", Password);

        var page = await browser.Get("/office/firms/" + FirmA.Value);
        var list = await browser.Get("/office");
        var approve = await browser.Post("/office/firms/" + FirmA.Value + "/approve", ("scope", "all"));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Kowalski", page.Html);
        Assert.DoesNotContain(FirmA.Value, list.Html);
        Assert.Equal(HttpStatusCode.NotFound, approve.Status);
        using var a = new WebBrowser(server.Url);
        await a.SignIn("anna", Password);
        Assert.Contains("data-test=\"mark-unapproved\"", (await a.Get("/office")).Html);
    }

    [Fact]
    public async Task Approving_all_on_the_firm_page_changes_the_mark_of_the_firm_list()
    {
        await Deliver(TokenA, FirmA, 500m);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);
        var before = await browser.Get("/office");
        await browser.Get("/office/firms/" + FirmA.Value);

        var approved = await browser.Post("/office/firms/" + FirmA.Value + "/approve", ("scope", "all"));
        var firm = await browser.Get(approved.Location!);
        var after = await browser.Get("/office");

        Assert.Contains("data-test=\"mark-unapproved\"", before.Html);
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        Assert.Contains("Zatwierdzone pozycje: 6.", firm.Html);
        Assert.Contains("data-test=\"no-changes\"", firm.Html);
        Assert.DoesNotContain("data-test=\"mark-unapproved\"", after.Html);
        Assert.Contains("data-test=\"mark-approved\"", after.Html);
    }

    [Fact]
    public async Task Approving_chosen_months_approves_only_those_months()
    {
        await Deliver(TokenA, FirmA, 500m);
        var panel = await server.Store.Panel(new Office(1, "Biuro A"), false, TimeProvider.System, TestKeys.Pesel, default);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);
        await browser.Get("/office/firms/" + FirmA.Value);

        var none = await browser.Post("/office/firms/" + FirmA.Value + "/approve", ("scope", "months"), ("month", "2023-01"));
        var stillAll = (await panel.ShowFirm(FirmA, default)).Match(v => v.Entries.Count(e => !e.Approved), _ => -1);
        await browser.Get("/office/firms/" + FirmA.Value);
        var february = await browser.Post("/office/firms/" + FirmA.Value + "/approve", ("scope", "months"), ("month", "2024-02"));

        Assert.Equal("/office/firms/" + FirmA.Value + "?approved=0", none.Location);
        Assert.Equal(6, stillAll);
        Assert.Equal("/office/firms/" + FirmA.Value + "?approved=6", february.Location);
    }

    [Fact]
    public async Task The_firm_list_searches_by_name_and_by_NIP_with_dashes()
    {
        await Deliver(TokenA, FirmA, 500m);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);

        var byName = await browser.Get("/office?q=kowal");
        var byNip = await browser.Get("/office?q=" + Uri.EscapeDataString("123-456"));
        var none = await browser.Get("/office?q=Nowak");

        Assert.Contains("data-nip=\"" + FirmA.Value + "\"", byName.Html);
        Assert.Contains("data-nip=\"" + FirmA.Value + "\"", byNip.Html);
        Assert.DoesNotContain("data-nip=", none.Html);
    }

    [Fact]
    public async Task The_runs_page_shows_the_runs_with_their_events_and_remedies_and_the_firm_list_marks_errors()
    {
        await Deliver(TokenA, FirmA, 500m);
        using var api = server.Client(TokenA);
        var report = """
            {"run":"20240310T090000-ab12","endedAt":"2024-03-10T09:05:00Z","outcome":"some-failed","groupsLoaded":3,"groupsFailed":1,
             "factsSent":6,"factsUnchanged":0,"events":[{"severity":"error","code":"zus.read","message":"ZUS not read",
             "firm":"1234563218","text":"nie wczytano ZUS <b>","remedy":"sprawdź program: konektosync programs check raks"}]}
            """;
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/runs",
            new StringContent(report, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);

        var runs = await browser.Get("/office/runs");
        var firms = await browser.Get("/office");
        using var other = new WebBrowser(server.Url);
        await other.SignIn("bogdan", Password);
        var otherRuns = await other.Get("/office/runs");

        Assert.Contains("20240310T090000-ab12", runs.Html);
        Assert.Contains("nie wczytano ZUS &lt;b&gt;", runs.Html);
        Assert.Contains("sprawdź program: konektosync programs check raks", runs.Html);
        Assert.Contains("10.03.2024 10:05", runs.Html);
        Assert.Contains("data-test=\"mark-errors\"", firms.Html);
        Assert.DoesNotContain("20240310T090000-ab12", otherRuns.Html);
    }
}
