using System.Net;
using KonektoSync.Host.Config;
using KonektoSync.Host.Messaging;
using KonektoSync.Panel;
using KonektoSync.Tests.Host;
using KonektoSync.Tests.Host.Messaging;
using KonektoSync.Tests.Load;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Panel;

/// <summary>
/// Messages sent from the office pages by the server itself (ServerMessenger with the data
/// folder's settings): a summary arrives at a real SMTP server (aiosmtpd on the loopback) with
/// its Polish letters, and the page shows what was sent and what failed.
/// </summary>
public sealed class OfficeMessagesTests : IAsyncLifetime
{
    private const string Password = "haslo-biura-1";
    private readonly TempFolder folder = new();
    private readonly CliRunner cli = new();
    private readonly LoopbackSmtp smtp = new();
    private PanelServerRig server = null!;
    private string token = "";

    public async Task InitializeAsync()
    {
        KonektoSync.Host.Texts.Texts.UseLanguage("pl");
        Assert.Equal(0, cli.Run("init").Exit);
        Environment.SetEnvironmentVariable("KS_WEB_SMTP", LoopbackSmtp.Password);
        Assert.Equal(0, cli.Run("settings", "mail", "--host", "127.0.0.1", "--port", $"{smtp.Port}", "--tls", "none",
            "--user", LoopbackSmtp.User, "--password-env", "KS_WEB_SMTP", "--from", "Biuro Rachunkowe Łąka <biuro@example.pl>").Exit);
        Assert.Equal(0, cli.Run("settings", "panel", "--url", "https://panel.example.pl").Exit);
        var dir = new DataDir(cli.DataDir);
        var cfg = ConfigStore.Load(dir).RightToSeq().Head;
        cfg.Channels[FirmA.Value] = new ChannelEntry { Email = true, Sms = false };
        ConfigStore.Save(dir, cfg);
        server = await PanelServerRig.Start(folder, messenger: new ServerMessenger(ConfigStore.Load(dir).RightToSeq().Head, TimeProvider.System));
        token = await server.Office("Biuro Łąka");
        (await server.Store.AddStaff(1, "anna", Password, DateTimeOffset.UtcNow, default)).Match(_ => { }, p => throw new InvalidOperationException(p.Message));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        smtp.Dispose();
        cli.Dispose();
        folder.Dispose();
        Environment.SetEnvironmentVariable("KS_WEB_SMTP", null);
    }

    /// <summary>Signs in as staff, opens firm A's page (its form carries the antiforgery token) and sends the summary of 2024-02.</summary>
    private static async Task<WebBrowser.Page> SignInAndSendSummary(WebBrowser browser)
    {
        await browser.SignIn("anna", Password);
        await browser.Get("/office/firms/" + FirmA.Value);
        return await browser.Post("/office/firms/" + FirmA.Value + "/summary", ("month", "2024-02"));
    }

    private async Task Deliver(bool approve)
    {
        using var sink = server.Sink(token);
        var loader = await new LoadRig(folder, "sync").Loader();
        await loader.Reconcile("panel", sink, default);
        await loader.Recover("panel", sink, default);
        foreach (var c in PanelServerTests.Office(FirmA, 1184.27m, approve)) await loader.Load(Run("r1"), "panel", c, sink, default);
    }

    [Fact]
    public async Task A_summary_sent_from_the_firm_page_arrives_at_the_SMTP_server_with_its_Polish_letters_and_is_shown_as_sent()
    {
        await Deliver(approve: false);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);
        await browser.Get("/office/firms/" + FirmA.Value);
        await browser.Post("/office/firms/" + FirmA.Value + "/approve", ("scope", "all"));
        await browser.Get("/office/firms/" + FirmA.Value);

        var sent = await browser.Post("/office/firms/" + FirmA.Value + "/summary", ("month", "2024-02"));
        var page = await browser.Get(sent.Location!);
        var list = await browser.Get("/office");

        var (recipients, message) = Assert.Single(smtp.Received());
        Assert.Equal(["biuro@kowalski.pl"], recipients);
        Assert.Equal("Kowalski sp. j.: płatności za 02.2024", message.Subject);
        Assert.Contains("1 184,27 zł, termin płatności", message.TextBody);
        Assert.Contains("Biuro Rachunkowe Łąka", message.From.ToString());
        Assert.StartsWith("/office/firms/" + FirmA.Value + "?sent=summary&result=", sent.Location);
        Assert.Contains("data-status=\"sent\"", page.Html);
        Assert.Contains("biuro@kowalski.pl", page.Html);
        Assert.Contains("data-test=\"mark-summary-sent\"", list.Html);
    }

    [Fact]
    public async Task A_summary_of_nothing_approved_is_not_sent_and_the_page_shows_the_failure()
    {
        await Deliver(approve: false);
        using var browser = new WebBrowser(server.Url);

        var sent = await SignInAndSendSummary(browser);
        var page = await browser.Get(sent.Location!);

        Assert.Empty(smtp.Received());
        Assert.StartsWith("/office/firms/" + FirmA.Value + "?sent=summary-failed&result=", sent.Location);
        Assert.Contains("data-status=\"failed\"", page.Html);
        Assert.Contains("<li data-status=\"failed\">zestawienia za 2024-02 nie wysłano kanałem email do biuro@kowalski.pl: "
            + "nic z 2024-02 nie jest zatwierdzone", page.Html);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task The_send_result_line_is_in_the_language_of_the_page_not_of_the_server_process()
    {
        await Deliver(approve: true);
        KonektoSync.Host.Texts.Texts.UseLanguage("en");
        using var browser = new WebBrowser(server.Url);

        var sent = await SignInAndSendSummary(browser);
        var polish = await browser.Get(sent.Location!);
        browser.Cookies.Add(server.Url, new Cookie("konektosync.lang", "en"));
        var english = await browser.Get(sent.Location!);
        using var stranger = new WebBrowser(server.Url);
        var signedOut = await stranger.Get(sent.Location!);

        Assert.Contains("<li data-status=\"sent\">zestawienie za 2024-02 wysłano kanałem email do biuro@kowalski.pl</li>", polish.Html);
        Assert.Contains("<li data-status=\"sent\">summary of 2024-02 sent by email to biuro@kowalski.pl</li>", english.Html);
        Assert.DoesNotContain("biuro@kowalski.pl", signedOut.Html);
    }

    [Fact]
    public async Task An_activation_link_sent_from_the_firm_page_arrives_and_its_token_is_kept_in_the_offices_log()
    {
        await Deliver(approve: true);
        using var browser = new WebBrowser(server.Url);
        await browser.SignIn("anna", Password);
        var firm = await browser.Get("/office/firms/" + FirmA.Value);
        var person = System.Text.RegularExpressions.Regex.Match(firm.Html, "name=\"person\" value=\"([^\"]+)\"").Groups[1].Value;

        var sent = await browser.Post("/office/firms/" + FirmA.Value + "/activation", ("person", person));
        var page = await browser.Get(sent.Location!);

        var (recipients, message) = Assert.Single(smtp.Received());
        Assert.Equal(["jan@kowalski.pl"], recipients);
        Assert.Contains("https://panel.example.pl", message.TextBody);
        Assert.Contains("data-test=\"activation-sent\"", page.Html);
        var log = await (await server.Store.Messages(new Office(1, "Biuro Łąka"), default)).List(FirmA.Value, default);
        Assert.Equal("sent", Assert.Single(log).Status);
    }
}
