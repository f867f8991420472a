using OpenQA.Selenium;
using Xunit.Abstractions;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// The office's pages in a real browser (headless Chromium), against a real panel server that the
/// real sync of a sample office delivered to: sign-in, the firm list and its marks, the language
/// switch; with a screenshot of every page under artifacts/screenshots/PanelBrowserTests.
/// </summary>
public sealed class PanelBrowserTests : IClassFixture<PanelSite>, IDisposable
{
    private readonly PanelSite site;
    private readonly Browser browser;

    public PanelBrowserTests(PanelSite site, ITestOutputHelper output)
    {
        this.site = site;
        browser = new Browser(nameof(PanelBrowserTests)) { Output = output };
    }

    public void Dispose() => browser.Dispose();

    /// <summary>Signs in on the office's sign-in page by clicking, and waits for the firm list.</summary>
    internal static void SignIn(Browser browser, PanelSite site)
    {
        browser.Go(site.Page("/office/sign-in"));
        browser.Find(By.Id("login")).SendKeys(PanelSite.StaffLogin);
        browser.Find(By.Id("password")).SendKeys(PanelSite.StaffPassword);
        browser.ClickAndLoad(By.Id("sign-in"));
        browser.Find(By.Id("firms"));
    }

    [Fact]
    public void Staff_sign_in_with_the_keyboard_alone_and_see_every_firm_with_its_unapproved_mark()
    {
        browser.Go(site.Page("/office"));
        browser.WaitForPath("/office/sign-in");
        browser.Screenshot("office-sign-in");

        var reached = new List<string>();
        browser.Find(By.TagName("body")).SendKeys(Keys.Tab);
        for (var i = 0; i < 10 && Accessibility.Focused(browser).Element != "input#login[login]"; i++)
        {
            reached.Add(Accessibility.Focused(browser).Element);
            browser.Driver.SwitchTo().ActiveElement().SendKeys(Keys.Tab);
        }
        var login = Accessibility.Focused(browser);
        browser.Driver.SwitchTo().ActiveElement().SendKeys(PanelSite.StaffLogin + Keys.Tab);
        var password = Accessibility.Focused(browser);
        browser.Driver.SwitchTo().ActiveElement().SendKeys(PanelSite.StaffPassword + Keys.Enter);
        var rows = browser.Until(d => d.FindElements(By.CssSelector("[data-test=firm-row]")) is { Count: > 0 } r ? r : null, "the firm list")!;
        browser.Screenshot("office-firms");

        Assert.True(login == ("input#login[login]", true), $"Tab reached {string.Join(", ", reached)} and then {login}, not a visibly focused login field");
        Assert.Equal(("input#password[password]", true), password);
        Assert.Equal("/office", new Uri(browser.Url).AbsolutePath);
        var firms = site.Firms();
        Assert.Equal(firms.Select(f => f.Nip).Order(), rows.Select(r => r.GetAttribute("data-nip")).Order());
        foreach (var (nip, name) in firms)
        {
            var row = browser.Find(By.Id("firm-" + nip));
            Assert.Equal(name, row.FindElement(By.CssSelector("[data-test=firm-link]")).Text);
            Assert.Equal("niezatwierdzone dane", row.FindElement(By.CssSelector("[data-test=mark-unapproved]")).Text);
        }
    }

    [Fact]
    public void A_search_by_part_of_a_name_with_Polish_letters_or_by_a_NIP_narrows_the_firm_list()
    {
        SignIn(browser, site);
        var (nip, name) = site.Firms().First(f => f.Name.Any(c => "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".Contains(c)));
        var part = name.Split(' ').First(w => w.Any(c => "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".Contains(c)));

        var byName = Search(part.ToLowerInvariant());
        browser.Screenshot("office-firms-search");
        var byNip = Search($"{nip[..3]}-{nip[3..6]}");

        Assert.Contains(nip, byName);
        Assert.All(site.Firms().Where(f => byName.Contains(f.Nip)), f => Assert.Contains(part, f.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(nip, byNip);
        Assert.All(byNip, n => Assert.Contains(nip[..6], n, StringComparison.Ordinal));
    }

    private List<string> Search(string query)
    {
        var box = browser.Find(By.Id("q"));
        box.Clear();
        box.SendKeys(query + Keys.Enter);
        browser.Until(d => new Uri(d.Url).Query.Contains("q=", StringComparison.Ordinal) && d.FindElement(By.Id("q")).GetAttribute("value") == query,
            $"the result of the search for {query}");
        return browser.FindAll(By.CssSelector("[data-test=firm-row]")).Select(r => r.GetAttribute("data-nip")!).ToList();
    }

    [Fact]
    public void The_language_switch_shows_the_same_page_in_English_and_back_in_Polish()
    {
        SignIn(browser, site);
        Assert.Equal("pl", browser.Find(By.TagName("html")).GetAttribute("lang"));
        Assert.Equal("Firmy", browser.Find(By.TagName("h1")).Text);

        browser.Find(By.Id("lang-switch")).Click();
        browser.Until(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "en", "the English page");
        browser.Screenshot("office-firms-en");
        var english = (Path: new Uri(browser.Url).AbsolutePath, H1: browser.Find(By.TagName("h1")).Text,
            Mark: browser.Find(By.CssSelector("[data-test=mark-unapproved]")).Text);
        browser.Find(By.Id("lang-switch")).Click();
        browser.Until(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "pl", "the Polish page");

        Assert.Equal(("/office", "Firms", "unapproved data"), english);
        Assert.Equal("Firmy", browser.Find(By.TagName("h1")).Text);
    }

    [Fact]
    public void Every_office_page_has_one_h1_labelled_fields_text_of_contrast_at_least_4_5_to_1_and_no_axe_violations()
    {
        var findings = new List<string>();
        void Check(string page)
        {
            browser.Screenshot(page);
            var h1 = browser.FindAll(By.TagName("h1")).Count;
            if (h1 != 1) findings.Add($"{page}: {h1} h1 elements");
            var (fields, unlabelled) = Accessibility.Labels(browser);
            findings.AddRange(unlabelled.Select(u => $"{page}: no label: {u}"));
            var (measured, low) = Accessibility.Contrast(browser);
            if (measured == 0) findings.Add($"{page}: no text measured");
            findings.AddRange(low.Select(l => $"{page}: contrast {l}"));
            findings.AddRange(Accessibility.Axe(browser).Select(v => $"{page}: axe {v}"));
            browser.Output?.WriteLine($"{page}: {fields} fields, {measured} pieces of text measured");
        }

        browser.Go(site.Page("/office/sign-in"));
        browser.Find(By.Id("sign-in-form"));
        Check("a11y-office-sign-in");
        SignIn(browser, site);
        Check("a11y-office-firms");
        var (nip, name) = site.Firms().MaxBy(f => site.Entries(f.Nip).Count)!;
        browser.Go(site.Page($"/office/firms/{nip}"));
        browser.Until(d => d.FindElement(By.TagName("h1")).Text == name, $"the page of {name}");
        Check("a11y-office-firm");

        Assert.Empty(findings);
    }
}
