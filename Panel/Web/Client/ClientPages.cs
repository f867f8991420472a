using System.Globalization;
using System.Security.Claims;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Panel.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KonektoSync.Panel.Web.Client;

/// <summary>
/// The clients' pages (docs/panel-web.md, "Client pages"): the activation link
/// (<c>/activate/{token}</c>: set a password, then signed in), sign-in and sign-out, and the
/// client's own firm. The firm comes from the signed-in accounts, never from the address: a
/// firm in the address that is not one of them is a 404. Only approved data is shown.
/// </summary>
public static class ClientPages
{
    public const string Home = "/client";
    public const string SignInPath = "/client/sign-in";
    public const string ActivatePath = "/activate";

    // the activation form posts here, the token in the form: under the client cookie's path, so
    // that the cookie it sets is one a browser keeps, and with no token in the address
    public const string SetPasswordPath = "/client/activate";
    private const string AccountClaim = "konektosync.client-account";
    private const string AccountsItem = "konektosync.client-accounts";

    internal static void MapClientPages(this WebApplication app, PanelServer.ServerState state)
    {
        var store = state.Options.Store;
        var clock = state.Options.Clock;
        app.MapGet(ActivatePath + "/{token}", async (string token, HttpContext h, CancellationToken ct) =>
                await store.ActivationValid(token, clock.GetUtcNow(), ct)
                    ? ActivatePage(h, token, null)
                    : LinkInvalid(h))
            .ExcludeFromDescription();
        app.MapPost(SetPasswordPath, async (HttpContext h, CancellationToken ct) =>
        {
            var t = PageTexts.For(h);
            var form = await h.Request.ReadFormAsync(ct);
            var token = form["token"].ToString();
            var password = form["password"].ToString();
            if (password.Length < ServerStore.MinPasswordLength || password.Length > 1000)
                return ActivatePage(h, token, t["activate.short", ServerStore.MinPasswordLength], 400);
            if (password != form["confirm"].ToString())
                return ActivatePage(h, token, t["activate.mismatch"], 400);
            if (await store.RedeemActivation(token, clock.GetUtcNow(), ct) is not { } used)
                return LinkInvalid(h);
            var account = (await store.SetClientPassword(used.Office, used.Activation, password, clock.GetUtcNow(), ct))
                .Match(a => a, p => throw new InvalidOperationException(p.Message));
            await SignIn(h, [account]);
            return Results.Redirect(Home);
        }).RequireAntiforgery().ExcludeFromDescription();

        app.MapGet(SignInPath, (HttpContext h) => SignInPage(h, null, "")).ExcludeFromDescription();
        app.MapPost(SignInPath, async (HttpContext h, CancellationToken ct) =>
        {
            var form = await h.Request.ReadFormAsync(ct);
            var email = form["email"].ToString();
            var outcome = await store.SignInClient(email, form["password"].ToString(), clock.GetUtcNow(), ct);
            var t = PageTexts.For(h);
            if (outcome.Accounts.Count == 0)
                return SignInPage(h, outcome.LockedUntil is { } until
                    ? t["signin.locked", WebTime.Show(until, t)]
                    : t["client.signin.wrong"], email, 401);
            await SignIn(h, outcome.Accounts);
            return Results.Redirect(Home);
        }).RequireAntiforgery().ExcludeFromDescription();

        var pages = app.MapGroup(Home).ExcludeFromDescription()
            .RequireSignIn(PanelWeb.ClientScheme, SignInPath, async (h, user) =>
            {
                // every account behind the cookie still exists
                var accounts = new List<ClientAccount>();
                foreach (var claim in user.FindAll(AccountClaim))
                    if (!long.TryParse(claim.Value, CultureInfo.InvariantCulture, out var id)
                        || await store.ClientAccountOf(id, h.RequestAborted) is not { } account)
                        return false;
                    else accounts.Add(account);
                h.Items[AccountsItem] = accounts;
                return accounts.Count > 0;
            });
        pages.MapPost("/sign-out", async (HttpContext h) =>
        {
            await h.SignOutAsync(PanelWeb.ClientScheme);
            return Results.Redirect(SignInPath);
        });
        pages.MapGet("", (HttpContext h, CancellationToken ct) =>
        {
            var accounts = AccountsOf(h);
            return accounts.Select(a => a.FirmNip).Distinct().Count() == 1
                ? FirmPage(h, state, accounts[0], ct)
                : Task.FromResult(FirmList(h, accounts));
        });
        pages.MapGet("/firms/{nip}", (string nip, HttpContext h, CancellationToken ct) =>
            AccountsOf(h).FirstOrDefault(a => a.FirmNip == nip) is { } account
                ? FirmPage(h, state, account, ct)
                : Task.FromResult(NotFound(h)));
    }

    private static IReadOnlyList<ClientAccount> AccountsOf(HttpContext h) => (IReadOnlyList<ClientAccount>)h.Items[AccountsItem]!;

    private static Task SignIn(HttpContext h, IEnumerable<ClientAccount> accounts) =>
        h.SignInAsync(PanelWeb.ClientScheme, new ClaimsPrincipal(new ClaimsIdentity(
            accounts.Select(a => new Claim(AccountClaim, a.Id.ToString(CultureInfo.InvariantCulture))),
            PanelWeb.ClientScheme)));

    private static IResult ActivatePage(HttpContext h, string token, string? error, int status = 200)
    {
        var t = PageTexts.For(h);
        var body = Markup.Of($"""
            <p>{t["activate.intro", ServerStore.MinPasswordLength]}</p>
            {(error is null ? Markup.Empty : WebPage.Notice("error", error))}
            {WebPage.Form(h, SetPasswordPath, Markup.Of($"""
                <input type="hidden" name="token" value="{token}">
                {WebPage.Field("password", t["activate.password"], type: "password", autocomplete: "new-password")}
                {WebPage.Field("confirm", t["activate.confirm"], type: "password", autocomplete: "new-password")}
                <p><button type="submit" id="set-password" data-test="set-password">{t["activate.submit"]}</button></p>
                """), id: "activate-form")}
            """);
        return WebPage.Render(h, t, t["activate.title"], body, Markup.Empty, status);
    }

    private static IResult LinkInvalid(HttpContext h)
    {
        var t = PageTexts.For(h);
        return WebPage.Render(h, t, t["activate.invalid.title"], Markup.Of($"""
            {WebPage.Notice("error", t["activate.invalid"])}
            <p><a href="{SignInPath}" id="to-sign-in">{t["activate.have-account"]}</a></p>
            """), Markup.Empty, 410);
    }

    private static IResult SignInPage(HttpContext h, string? error, string email, int status = 200)
    {
        var t = PageTexts.For(h);
        var body = Markup.Of($"""
            {(error is null ? Markup.Empty : WebPage.Notice("error", error))}
            {WebPage.Form(h, SignInPath, Markup.Of($"""
                {WebPage.Field("email", t["client.signin.email"], type: "email", value: email, autocomplete: "username")}
                {WebPage.Field("password", t["signin.password"], type: "password", autocomplete: "current-password")}
                <p><button type="submit" id="sign-in" data-test="sign-in">{t["signin.submit"]}</button></p>
                """), id: "sign-in-form")}
            <p class="muted">{t["client.signin.no-account"]}</p>
            """);
        return WebPage.Render(h, t, t["client.signin.title"], body, Markup.Empty, status);
    }

    private static IResult NotFound(HttpContext h)
    {
        var t = PageTexts.For(h);
        return WebPage.Render(h, t, t["client.not-found.title"], Markup.Of($"<p>{t["client.not-found"]}</p>"), Nav(h, t), 404);
    }

    private static Markup Nav(HttpContext h, PageLanguage t) => Markup.Of($"""
        <a href="{Home}" id="nav-firm">{t["client.nav.firm"]}</a>
        <span class="who">{AccountsOf(h)[0].Email}</span>
        {WebPage.Form(h, Home + "/sign-out", Markup.Of($"""<button type="submit" class="link" id="sign-out" data-test="sign-out">{t["nav.sign-out"]}</button>"""), css: "inline")}
        """);

    private static IResult FirmList(HttpContext h, IReadOnlyList<ClientAccount> accounts)
    {
        var t = PageTexts.For(h);
        var items = accounts.Select(a => a.FirmNip).Distinct().Select(nip =>
            Markup.Of($"""<li><a href="{Home}/firms/{nip}" data-test="client-firm-link">{nip}</a></li>"""));
        return WebPage.Render(h, t, t["client.firms.title"], Markup.Of($"<ul id=\"client-firms\">{Markup.Join(items)}</ul>"), Nav(h, t));
    }

    private static async Task<IResult> FirmPage(HttpContext h, PanelServer.ServerState state, ClientAccount account,
        CancellationToken ct)
    {
        var t = PageTexts.For(h);
        var office = await state.Options.Store.OfficeById(account.OfficeId, ct);
        if (office is null || Nip.Create(account.FirmNip).IsFail) return NotFound(h);
        var nip = Nip.Create(account.FirmNip).SuccessToSeq().Head;
        var today = DateOnly.FromDateTime(WebTime.Local(state.Options.Clock.GetUtcNow()).DateTime);
        var shown = (await (await state.Panel(office, false, ct)).ShowFirm(nip, ct))
            .Map(v => ClientFirmPage.Of(v, today));
        return shown.Match(
            page => WebPage.Render(h, t, page.Name.Length > 0 ? page.Name : page.Nip, FirmBody(t, page), Nav(h, t)),
            _ => WebPage.Render(h, t, account.FirmNip, Markup.Of($"<p id=\"no-data\">{t["client.firm.no-data"]}</p>"), Nav(h, t)));
    }

    private static Markup FirmBody(PageLanguage t, ClientFirmPage page)
    {
        var culture = t.Culture;
        var due = page.DueThisMonth.Count == 0
            ? Markup.Of($"""<p id="nothing-due" data-test="nothing-due">{t["client.due.none"]}</p>""")
            : Payments(t, page.DueThisMonth, "due-this-month");
        var months = page.Months.Select(m => Markup.Of($"""
            <section class="month" id="month-{m.Period}" data-test="month" data-period="{m.Period}">
            <h3>{MonthName(m.Period, culture)}</h3>
            {Payments(t, m.Payments, "payments-" + m.Period)}
            <p class="total">{t["client.month.total", PanelFormats.Amount(m.Total, culture)]}</p>
            </section>
            """));
        var statements = page.Statements.Select(s => Markup.Of($"""
            <section class="statement" data-test="statement" data-period="{s.Period}">
            <h3>{t["client.statement." + s.Table]} · {MonthName(s.Period, culture)}{(s.Table == "trial_balance" ? Markup.Of($" · {s.Subject}") : Markup.Empty)}</h3>
            <table><tbody>{Markup.Join(s.Fields.Select(f => Markup.Of($"""<tr><th scope="row">{StatementColumn(t, f.Key)}</th><td class="{(PanelColumns.Amounts.Contains(f.Key) ? "amount" : "")}">{PanelFormats.PanelField(f.Key, f.Value, culture)}</td></tr>""")))}</tbody></table>
            </section>
            """));
        return Markup.Of($"""
            <p class="muted">NIP {page.Nip} · {t["client.firm.approved-only"]}</p>
            <h2 id="due">{t["client.due.title", MonthName(page.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture), culture)]}</h2>
            {due}
            <h2 id="months">{t["client.months.title"]}</h2>
            {(page.Months.Count == 0 ? Markup.Of($"<p>{t["client.months.none"]}</p>") : Markup.Join(months))}
            <h2 id="statements">{t["client.statements.title"]}</h2>
            {(page.Statements.Count == 0 ? Markup.Of($"<p>{t["client.statements.none"]}</p>") : Markup.Join(statements))}
            """);
    }

    private static Markup Payments(PageLanguage t, IReadOnlyList<ClientPayment> payments, string id)
    {
        var rows = payments.Select(p => Markup.Of($"""
            <tr data-test="payment" data-kind="{p.Kind}">
            <td>{(p.Kind == "zus" ? t["client.payment.zus", p.Subject] : p.Subject)}</td>
            <td>{MonthName(p.Period, t.Culture)}</td>
            <td class="amount">{PanelFormats.Amount(p.Amount, t.Culture)}</td>
            <td>{(p.Due is { } d ? PanelFormats.Date(d, t.Culture) : "")}</td>
            </tr>
            """));
        return Markup.Of($"""
            <table id="{id}">
            <thead><tr><th scope="col">{t["client.col.what"]}</th><th scope="col">{t["client.col.for"]}</th><th scope="col" class="amount">{t["client.col.amount"]}</th><th scope="col">{t["client.col.due"]}</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody>
            </table>
            """);
    }

    private static string StatementColumn(PageLanguage t, string column) =>
        PageTexts.All.ContainsKey("client.column." + column) ? t["client.column." + column] : column;

    // "2024-02" as "luty 2024" / "February 2024"
    private static string MonthName(string period, CultureInfo culture) =>
        DateTime.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMMM yyyy", culture)
            : period;
}
