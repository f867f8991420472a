using System.Security.Claims;
using KonektoSync.Panel.Web.Office;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KonektoSync.Panel.Web.Shared;

/// <summary>
/// What every web page of the panel server shares (docs/panel-web.md): two cookie
/// authentication schemes (the office's staff, the offices' clients), antiforgery on every form,
/// the security headers, the language switch and the style sheet.
/// </summary>
public static class PanelWeb
{
    /// <summary>The scheme of the office's staff (cookie <c>konektosync.office</c>, path <c>/office</c>).</summary>
    public const string OfficeScheme = "office";

    /// <summary>The scheme of the offices' clients (cookie <c>konektosync.client</c>, path <c>/client</c>).</summary>
    public const string ClientScheme = "client";

    /// <summary>The antiforgery token's form field.</summary>
    public const string AntiforgeryField = "__af";

    public static void AddPanelWeb(this IServiceCollection services, PanelServerOptions o)
    {
        var protection = services.AddDataProtection().SetApplicationName("KonektoSync.Panel");
        if (o.KeysFolder is null) protection.UseEphemeralDataProtectionProvider();
        else
        {
            Directory.CreateDirectory(o.KeysFolder);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(o.KeysFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            protection.PersistKeysToFileSystem(new DirectoryInfo(o.KeysFolder));
        }
        services.AddAuthentication()
            .AddCookie(OfficeScheme, c => Cookie(c, "konektosync.office", "/office", OfficePages.SignInPath))
            .AddCookie(ClientScheme, c => Cookie(c, "konektosync.client", "/client", "/client/sign-in"));
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "konektosync.af";
            a.Cookie.HttpOnly = true;
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            a.FormFieldName = AntiforgeryField;
            // the headers below forbid every frame already (DENY, frame-ancestors 'none')
            a.SuppressXFrameOptionsHeader = true;
        });
    }

    private static void Cookie(CookieAuthenticationOptions c, string name, string path, string signIn)
    {
        c.Cookie.Name = name;
        c.Cookie.Path = path;
        c.Cookie.HttpOnly = true;
        c.Cookie.SameSite = SameSiteMode.Strict;
        // Secure when the request came over HTTPS; on plain HTTP (the loopback) a Secure cookie would never come back
        c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        c.ExpireTimeSpan = TimeSpan.FromHours(8);
        c.SlidingExpiration = true;
        c.LoginPath = signIn;
    }

    /// <summary>The security headers on every answer, the style sheet and the language switch.</summary>
    public static void UsePanelWeb(this WebApplication app)
    {
        app.Use(async (h, next) =>
        {
            h.Response.OnStarting(() =>
            {
                var headers = h.Response.Headers;
                // no script at all, styles only from the style sheet, forms only to this server, never in a frame
                headers.ContentSecurityPolicy =
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                // no page's address (an activation link holds a token) ever goes to another site
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!h.Request.Path.StartsWithSegments("/static"))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(h);
        });
        app.MapGet("/static/panel.css", () => Results.Text(Style.Value, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/lang/{code}", (string code, string? back, HttpContext h) =>
        {
            var lang = code == PageTexts.English ? PageTexts.English : PageTexts.Polish;
            h.Response.Cookies.Append(PageTexts.LanguageCookie, lang, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = h.Request.IsHttps, Path = "/",
                MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
            return Results.Redirect(IsLocal(back) ? back! : "/");
        }).ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect(OfficePages.Home)).ExcludeFromDescription();
    }

    private static readonly Lazy<string> Style = new(() =>
    {
        using var stream = typeof(PanelWeb).Assembly.GetManifestResourceStream("KonektoSync.Panel.Web.panel.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>A path of this server (not <c>//host</c>, not <c>/\host</c>, not an absolute address).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary>
    /// Pages for the signed-in only: without a valid sign-in of <paramref name="scheme"/> a
    /// request is sent to <paramref name="signInPath"/> (302); a POST without a valid antiforgery
    /// token is refused (400). <paramref name="stillValid"/> checks the account behind the cookie
    /// still exists.
    /// </summary>
    public static RouteGroupBuilder RequireSignIn(this RouteGroupBuilder group, string scheme, string signInPath,
        Func<HttpContext, ClaimsPrincipal, Task<bool>> stillValid) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var h = context.HttpContext;
            var auth = await h.AuthenticateAsync(scheme);
            if (!auth.Succeeded || !await stillValid(h, auth.Principal))
            {
                if (auth.Succeeded) await h.SignOutAsync(scheme);
                return Results.Redirect(signInPath);
            }
            h.User = auth.Principal;
            return await Forgery(h) ?? await next(context);
        });

    /// <summary>Forms that need no sign-in (signing in, setting a password): the antiforgery token only.</summary>
    public static RouteHandlerBuilder RequireAntiforgery(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) => await Forgery(context.HttpContext) ?? await next(context));

    private static async Task<IResult?> Forgery(HttpContext h)
    {
        if (!HttpMethods.IsPost(h.Request.Method)) return null;
        var antiforgery = h.RequestServices.GetRequiredService<IAntiforgery>();
        if (await antiforgery.IsRequestValidAsync(h)) return null;
        var t = PageTexts.For(h);
        return WebPage.Render(h, t, t["form.expired.title"], Markup.Of($"<p>{t["form.expired"]}</p>"), Markup.Empty, 400);
    }
}
