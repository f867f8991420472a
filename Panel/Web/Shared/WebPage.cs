using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KonektoSync.Panel.Web.Shared;

/// <summary>
/// The layout of every page: <c>lang</c> of the page's language, a header with the area's
/// navigation and the language switch (which comes back to the same page), one <c>h1</c>, the
/// style sheet; no script.
/// </summary>
public static class WebPage
{
    public static IResult Render(HttpContext h, PageLanguage t, string title, Markup body, Markup nav, int status = 200)
    {
        var here = h.Request.Path + h.Request.QueryString;
        var other = t.Code == PageTexts.English ? PageTexts.Polish : PageTexts.English;
        var html = Markup.Of($"""
            <!DOCTYPE html>
            <html lang="{t.Code}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{title} – KonektoSync</title>
            <link rel="stylesheet" href="/static/panel.css">
            </head>
            <body>
            <a class="skip" href="#main">{t["layout.skip"]}</a>
            <header class="top">
            <span class="brand">KonektoSync</span>
            <nav aria-label="{t["layout.nav"]}">{nav}</nav>
            <a class="lang" id="lang-switch" data-test="lang-switch" hreflang="{other}" lang="{other}" href="/lang/{other}?back={Uri.EscapeDataString(here)}">{t["layout.other-language"]}</a>
            </header>
            <main id="main">
            <h1>{title}</h1>
            {body}
            </main>
            </body>
            </html>
            """);
        return Results.Content(html.Html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>The hidden antiforgery field every form carries (its cookie is set with it).</summary>
    public static Markup Antiforgery(HttpContext h)
    {
        var tokens = h.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(h);
        return Markup.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    /// <summary>A form posting to <paramref name="action"/> with its antiforgery field.</summary>
    public static Markup Form(HttpContext h, string action, Markup content, string? id = null, string css = "") =>
        Markup.Of($"""<form method="post" action="{action}"{(id is null ? Markup.Empty : Markup.Of($" id=\"{id}\""))}{(css.Length == 0 ? Markup.Empty : Markup.Of($" class=\"{css}\""))}>{Antiforgery(h)}{content}</form>""");

    /// <summary>A labelled text input.</summary>
    public static Markup Field(string id, string label, string type = "text", string value = "", string autocomplete = "off",
        bool required = true) =>
        Markup.Of($"""<p class="field"><label for="{id}">{label}</label> <input id="{id}" name="{id}" type="{type}" value="{value}" autocomplete="{autocomplete}"{(required ? Markup.Of($" required") : Markup.Empty)}></p>""");

    /// <summary>A notice: <c>info</c>, <c>ok</c> or <c>error</c> (announced to screen readers).</summary>
    public static Markup Notice(string kind, string text) =>
        Markup.Of($"""<p class="notice {kind}" role="{(kind == "error" ? "alert" : "status")}" data-test="notice-{kind}">{text}</p>""");
}
