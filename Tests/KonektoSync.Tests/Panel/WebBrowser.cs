using System.Net;
using System.Text.RegularExpressions;

namespace KonektoSync.Tests.Panel;

/// <summary>
/// A browser without a browser: an HttpClient that keeps cookies, follows no redirects, and
/// posts forms with the antiforgery token of the page it last read.
/// </summary>
internal sealed partial class WebBrowser : IDisposable
{
    private readonly HttpClient http;
    public CookieContainer Cookies { get; } = new();
    public string LastHtml { get; private set; } = "";

    public WebBrowser(Uri server) =>
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server };

    public sealed record Page(HttpStatusCode Status, string Html, string? Location, HttpResponseMessage Response);

    public async Task<Page> Get(string path)
    {
        using var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/html") LastHtml = html;
        return new Page(response.StatusCode, html, response.Headers.Location?.OriginalString, response);
    }

    /// <summary>Posts a form with the antiforgery token of the last page read (or without one).</summary>
    public async Task<Page> Post(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && Token(LastHtml) is { } token) all.Add(new("__af", token));
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(all));
        var html = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/html") LastHtml = html;
        return new Page(response.StatusCode, html, response.Headers.Location?.OriginalString, response);
    }

    public Task<Page> Post(string path, params (string Name, string Value)[] fields) =>
        Post(path, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    public static string? Token(string html) => TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Signs in to the office pages; the page it lands on.</summary>
    public async Task<Page> SignIn(string login, string password)
    {
        await Get("/office/sign-in");
        return await Post("/office/sign-in", ("login", login), ("password", password));
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => http.Dispose();
}
