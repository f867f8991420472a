using System.Text.RegularExpressions;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// A firm's page in the office panel, in a real browser against a real panel server: amounts in
/// Polish format, approving chosen months and then all.
/// </summary>
public sealed partial class FirmPageBrowserTests : IClassFixture<PanelSite>, IDisposable
{
    private readonly PanelSite site;
    private readonly Browser browser;

    public FirmPageBrowserTests(PanelSite site, ITestOutputHelper output)
    {
        this.site = site;
        browser = new Browser(nameof(FirmPageBrowserTests)) { Output = output };
        PanelBrowserTests.SignIn(browser, site);
    }

    public void Dispose() => browser.Dispose();

    [GeneratedRegex(@"^\d{1,3}([\u00a0\u202f ]\d{3})*,\d{2} zł$")]
    private static partial Regex PolishAmount();

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{4}$")]
    private static partial Regex PolishDate();

    /// <summary>The firm with the most ZUS and tax months whose name has Polish letters, other than <paramref name="not"/>.</summary>
    private (string Nip, string Name, List<string> Months) Firm(string? not = null)
    {
        var (nip, name) = site.Firms().Where(f => f.Nip != not && f.Name.Any(c => "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".Contains(c)))
            .MaxBy(f => site.Entries(f.Nip).Count(e => e.Kind is "zus" or "taxes"));
        var months = site.Entries(nip).Where(e => e.Kind is "zus" or "taxes").Select(e => e.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        return (nip, name, months);
    }

    private void OpenFirm(string nip, string name)
    {
        browser.Go(site.Page($"/office/firms/{nip}"));
        browser.Until(d => d.FindElement(By.TagName("h1")).Text == name, $"the page of {name}");
    }

    private IWebElement Payments(string month) => browser.Find(By.CssSelector($"table[data-test=payments][data-month='{month}']"));

    private void Notice()
    {
        var notice = browser.Until(d => d.FindElements(By.CssSelector("[data-test=notice-ok],[data-test=notice-error]")) is { Count: > 0 } n ? n[0] : null,
            "a notice of what the action did")!;
        Assert.True(notice.GetAttribute("data-test") == "notice-ok", $"the page says: {notice.Text}");
    }

    [Fact]
    public void Approving_a_chosen_month_clears_only_its_marks_and_approving_all_clears_the_firms_mark_in_the_list()
    {
        var (nip, name, months) = Firm();
        var (chosen, other) = (months[^1], months[^2]);
        OpenFirm(nip, name);
        browser.Screenshot("office-firm");
        browser.ReadmeScreenshot("firm-page");
        var amounts = browser.FindAll(By.CssSelector("[data-test=amount]")).Select(a => a.Text).ToList();
        var dues = browser.FindAll(By.CssSelector("[data-test=due]")).Select(a => a.Text).Where(d => d.Length > 0).ToList();

        browser.Find(By.Id($"approve-month-{chosen}")).Click();
        browser.ClickAndLoad(By.Id("approve-months"));
        Notice();
        browser.Screenshot("office-firm-month-approved");
        var chosenUnapproved = Payments(chosen).FindElements(By.CssSelector("[data-test=entry-unapproved]")).Count;
        var otherUnapproved = Payments(other).FindElements(By.CssSelector("[data-test=entry-unapproved]")).Count;
        var stillMarked = browser.FindAll(By.CssSelector("main > p [data-test=mark-unapproved]")).Count;

        browser.ClickAndLoad(By.Id("approve-all"));
        Notice();
        var leftAfterAll = browser.FindAll(By.CssSelector("[data-test=entry-unapproved]")).Count;
        var approvedMark = browser.FindAll(By.CssSelector("[data-test=mark-approved]")).Count;
        browser.ClickAndLoad(By.Id("nav-firms"));
        var row = browser.Find(By.Id("firm-" + nip));
        browser.Screenshot("office-firms-one-approved");

        Assert.NotEmpty(amounts);
        Assert.All(amounts, a => Assert.Matches(PolishAmount(), a));
        Assert.NotEmpty(dues);
        Assert.All(dues, d => Assert.Matches(PolishDate(), d));
        Assert.Equal(0, chosenUnapproved);
        Assert.True(otherUnapproved > 0, $"{other} was not chosen, yet shows no unapproved entry");
        Assert.Equal(1, stillMarked);
        Assert.Equal(0, leftAfterAll);
        Assert.True(approvedMark > 0);
        Assert.NotEmpty(row.FindElements(By.CssSelector("[data-test=mark-approved]")));
        Assert.Empty(row.FindElements(By.CssSelector("[data-test=mark-unapproved]")));
        Assert.All(browser.FindAll(By.CssSelector("[data-test=firm-row]")).Where(r => r.GetAttribute("data-nip") != nip),
            r => Assert.NotEmpty(r.FindElements(By.CssSelector("[data-test=mark-unapproved]"))));
    }

    [Fact]
    public void A_summary_sent_from_the_firm_page_reaches_the_SMTP_server_with_its_Polish_letters_and_is_shown_as_sent()
    {
        // another firm than the approval test's, so that neither test depends on the other's order
        var (nip, name, months) = Firm(not: Firm().Nip);
        var month = months[^1];
        var email = site.Email(nip);
        OpenFirm(nip, name);
        // the office approves what it sends
        if (browser.FindAll(By.Id("approve-all")).Count > 0)
        {
            browser.ClickAndLoad(By.Id("approve-all"));
            Notice();
        }
        var before = site.Smtp.Received().Count;

        browser.Find(By.CssSelector($"#summary-month option[value='{month}']")).Click();
        browser.ClickAndLoad(By.Id("send-summary"));
        Notice();
        browser.Screenshot("office-firm-summary-sent");
        var received = site.Smtp.Received();
        var logged = browser.FindAll(By.CssSelector("[data-test=message]")).Select(m => m.GetAttribute("data-status")).ToList();
        browser.ClickAndLoad(By.Id("nav-firms"));
        var row = browser.Find(By.Id("firm-" + nip));

        var (recipients, message) = Assert.Single(received.Skip(before));
        Assert.Equal([email], recipients);
        Assert.Contains(name, message.Subject, StringComparison.Ordinal);
        Assert.Contains("Dzień dobry", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("płatności firmy " + name, message.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"\d,\d{2} zł", message.TextBody);
        Assert.Contains("sent", logged);
        Assert.NotEmpty(row.FindElements(By.CssSelector("[data-test=mark-summary-sent]")));
    }
}
