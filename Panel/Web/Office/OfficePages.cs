using System.Globalization;
using System.Security.Claims;
using KonektoSync.Panel.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KonektoSync.Panel.Web.Office;

/// <summary>
/// The office's pages (docs/panel-web.md): sign-in, the firms, a firm, the runs. A staff member
/// signs in with a login of the server's store and reaches only their own office's panel.
/// </summary>
public static partial class OfficePages
{
    public const string Home = "/office";
    public const string SignInPath = "/office/sign-in";
    private const string StaffItem = "konektosync.staff";
    private const string OfficeClaim = "konektosync.office";

    internal static void MapOfficePages(this WebApplication app, PanelServer.ServerState state)
    {
        var store = state.Options.Store;
        var clock = state.Options.Clock;
        app.MapGet(SignInPath, (HttpContext h) => SignInPage(h, null, "")).ExcludeFromDescription();
        app.MapPost(SignInPath, async (HttpContext h, CancellationToken ct) =>
        {
            var form = await h.Request.ReadFormAsync(ct);
            var login = form["login"].ToString();
            var outcome = await store.SignIn(login, form["password"].ToString(), clock.GetUtcNow(), ct);
            var t = PageTexts.For(h);
            if (outcome.Staff is not { } staff)
                return SignInPage(h, outcome.LockedUntil is { } until
                    ? t["signin.locked", WebTime.Show(until, t)]
                    : t["signin.wrong"], login, 401);
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, staff.Login),
                new Claim(OfficeClaim, staff.Office.Id.ToString(CultureInfo.InvariantCulture)),
            ], PanelWeb.OfficeScheme));
            await h.SignInAsync(PanelWeb.OfficeScheme, principal);
            return Results.Redirect(Home);
        }).RequireAntiforgery().ExcludeFromDescription();

        var pages = app.MapGroup(Home).ExcludeFromDescription()
            .RequireSignIn(PanelWeb.OfficeScheme, SignInPath, async (h, user) =>
            {
                // the account behind the cookie still exists and is still of the same office
                if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id))
                    return false;
                var staff = await store.StaffById(id, h.RequestAborted);
                if (staff is null || staff.Office.Id.ToString(CultureInfo.InvariantCulture) != user.FindFirstValue(OfficeClaim))
                    return false;
                h.Items[StaffItem] = staff;
                return true;
            });
        pages.MapPost("/sign-out", async (HttpContext h) =>
        {
            await h.SignOutAsync(PanelWeb.OfficeScheme);
            return Results.Redirect(SignInPath);
        });
        MapFirms(pages, state);
        MapFirm(pages, state);
        MapRuns(pages, state);
    }

    /// <summary>The signed-in staff member of a page's request.</summary>
    internal static Staff StaffOf(HttpContext h) => (Staff)h.Items[StaffItem]!;

    private static IResult SignInPage(HttpContext h, string? error, string login, int status = 200)
    {
        var t = PageTexts.For(h);
        var body = Markup.Of($"""
            {(error is null ? Markup.Empty : WebPage.Notice("error", error))}
            {WebPage.Form(h, SignInPath, Markup.Of($"""
                {WebPage.Field("login", t["signin.login"], value: login, autocomplete: "username")}
                {WebPage.Field("password", t["signin.password"], type: "password", autocomplete: "current-password")}
                <p><button type="submit" id="sign-in" data-test="sign-in">{t["signin.submit"]}</button></p>
                """), id: "sign-in-form")}
            """);
        return WebPage.Render(h, t, t["signin.title"], body, Markup.Empty, status);
    }

    /// <summary>The office area's navigation: firms, runs, who is signed in, sign-out.</summary>
    internal static Markup Nav(HttpContext h, PageLanguage t)
    {
        var staff = StaffOf(h);
        return Markup.Of($"""
            <a href="{Home}" id="nav-firms">{t["nav.firms"]}</a>
            <a href="{Home}/runs" id="nav-runs">{t["nav.runs"]}</a>
            <span class="who">{staff.Office.Name} · {staff.Login}</span>
            {WebPage.Form(h, Home + "/sign-out", Markup.Of($"""<button type="submit" class="link" id="sign-out" data-test="sign-out">{t["nav.sign-out"]}</button>"""), css: "inline")}
            """);
    }
}
