using OpenQA.Selenium;
using Xunit.Abstractions;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// A client's side of the panel in a real browser against a real panel server: the office approves
/// one month, the client opens an activation link, sets a password with the keyboard and sees that
/// month and not the unapproved one, and cannot reach another firm by changing the NIP in the URL.
/// </summary>
public sealed class ClientPageBrowserTests : IClassFixture<PanelSite>, IDisposable
{
    private const string ClientPassword = "Łódź-Gdańsk-2024";
    private readonly PanelSite site;
    private readonly ITestOutputHelper output;
    private readonly Browser office;
    private readonly Browser client;

    public ClientPageBrowserTests(PanelSite site, ITestOutputHelper output)
    {
        this.site = site;
        this.output = output;
        office = new Browser(nameof(ClientPageBrowserTests) + "-office") { Output = output };
        client = new Browser(nameof(ClientPageBrowserTests)) { Output = output };
    }

    public void Dispose()
    {
        office.Dispose();
        client.Dispose();
    }

    /// <summary>The firm with the most months of ZUS or taxes, and those months, oldest first.</summary>
    private (string Nip, string Name, List<string> Months) Firm()
    {
        var (nip, name) = site.Firms().MaxBy(f => site.Entries(f.Nip).Count(e => e.Kind is "zus" or "taxes"));
        return (nip, name, site.Entries(nip).Where(e => e.Kind is "zus" or "taxes").Select(e => e.Period).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The office approves one month of the firm on its page (if an earlier test has not).</summary>
    private void ApproveMonth(string nip, string month)
    {
        PanelBrowserTests.SignIn(office, site);
        office.Go(site.Page($"/office/firms/{nip}"));
        office.Find(By.Id("payments"));
        if (office.FindAll(By.Id($"approve-month-{month}")).Count == 0) return; // approved already
        office.Find(By.Id($"approve-month-{month}")).Click();
        office.ClickAndLoad(By.Id("approve-months"));
        office.Find(By.CssSelector("[data-test=notice-ok]"));
    }

    /// <summary>Opens the activation link and sets the password with the keyboard alone; waits for the client's page.</summary>
    private async Task Activate(string nip, string person)
    {
        var token = await site.ActivationToken(nip, person, site.Email(nip));
        client.Go(site.Page($"/activate/{token}"));
        client.Find(By.Id("activate-form"));
        client.Screenshot("client-activate");
        client.Find(By.Id("password")).SendKeys(ClientPassword + Keys.Tab);
        client.Driver.SwitchTo().ActiveElement().SendKeys(ClientPassword + Keys.Enter);
        client.Until(d => d.FindElements(By.CssSelector("[data-test=month],[data-test=nothing-due]")).Count > 0
            || d.FindElements(By.Id("due")).Count > 0, "the client's page");
        client.WaitForPath("/client");
    }

    [Fact]
    public async Task After_the_activation_link_the_client_sees_the_approved_month_and_not_the_unapproved_one()
    {
        var (nip, name, months) = Firm();
        var (approved, unapproved) = (months[^2], months[^1]);
        ApproveMonth(nip, approved);

        await Activate(nip, "owner-1");
        client.Screenshot("client-firm");
        client.ReadmeScreenshot("client-page");
        var shown = client.FindAll(By.CssSelector("[data-test=month]")).Select(m => m.GetAttribute("data-period")).ToList();
        var html = client.Html;

        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Equal([approved], shown);
        Assert.DoesNotContain(unapproved, shown);
        var (fields, unlabelled) = Accessibility.Labels(client);
        Assert.Empty(unlabelled);
        Assert.Empty(Accessibility.Contrast(client).Low);
        Assert.Empty(Accessibility.Axe(client));
        output.WriteLine($"{fields} fields on the client's page");
    }

    [Fact]
    public async Task A_client_who_changes_the_NIP_in_the_URL_sees_no_other_firm()
    {
        var (nip, _, months) = Firm();
        ApproveMonth(nip, months[^2]);
        var (otherNip, otherName) = site.Firms().First(f => f.Nip != nip);
        await Activate(nip, "owner-2");

        client.Go(site.Page($"/client/firms/{otherNip}"));
        client.Until(d => d.FindElements(By.TagName("h1")).Count > 0, "an answer for another firm's NIP");
        client.Screenshot("client-other-firm");
        var asClient = (Html: client.Html, Payments: client.FindAll(By.CssSelector("[data-test=payment],[data-test=month]")).Count);
        client.Go(site.Page($"/office/firms/{otherNip}"));
        client.Until(d => d.FindElements(By.TagName("h1")).Count > 0, "an answer for the office's page of another firm");
        var asOffice = (Path: new Uri(client.Url).AbsolutePath, Html: client.Html);
        client.Go(site.Page($"/client/firms/{nip}"));
        client.Until(d => d.FindElements(By.CssSelector("[data-test=month]")).Count > 0, "the client's own firm by its NIP");

        Assert.DoesNotContain(otherName, asClient.Html, StringComparison.Ordinal);
        Assert.Equal(0, asClient.Payments);
        Assert.Equal("/office/sign-in", asOffice.Path);
        Assert.DoesNotContain(otherName, asOffice.Html, StringComparison.Ordinal);
    }
}
