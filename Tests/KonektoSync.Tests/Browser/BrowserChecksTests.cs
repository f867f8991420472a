using Xunit.Abstractions;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// The browser and the accessibility checks the page tests rely on, on small pages written here:
/// each check finds the fault it is meant to find and passes the page without it.
/// </summary>
public sealed class BrowserChecksTests : IDisposable
{
    private readonly Browser browser;
    private readonly string folder = Directory.CreateTempSubdirectory("konektosync-browser-").FullName;

    public BrowserChecksTests(ITestOutputHelper output) => browser = new Browser(nameof(BrowserChecksTests)) { Output = output };

    public void Dispose()
    {
        browser.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private void Open(string body)
    {
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".html");
        File.WriteAllText(file, $"<!doctype html><html lang=\"pl\"><head><meta charset=\"utf-8\"><title>Strona</title></head><body>{body}</body></html>");
        browser.Go(new Uri(file));
        browser.Until(d => browser.Script("return document.readyState") as string == "complete", "page load");
    }

    [Fact]
    public void Grey_text_below_4_5_to_1_is_reported_and_dark_text_on_a_translucent_panel_is_not()
    {
        Open("""
            <main>
              <p id="pale" style="color:#777777">Należność za październik</p>
              <div style="background:rgba(0,0,80,0.9)"><p style="color:#ffffff">Zapłać do 15.11.2024</p></div>
              <p style="color:#595959">Składki ZUS: 1 184,27 zł</p>
              <p style="color:#ffff00;background:#ffffff">Żółty na białym</p>
            </main>
            """);

        var (measured, low) = Accessibility.Contrast(browser);

        Assert.Equal(4, measured);
        Assert.Equal(["Należność za październik", "Żółty na białym"], low.Select(l => l.Text));
        Assert.InRange(low[0].Ratio, 4.47, 4.49); // #777 on white: 4.48:1
        Assert.InRange(low[1].Ratio, 1.06, 1.08);
    }

    [Fact]
    public void A_field_without_a_label_is_reported_and_fields_named_by_label_or_aria_are_not()
    {
        Open("""
            <form>
              <label for="login">Login</label><input id="login" name="login">
              <label>Hasło <input type="password" name="password"></label>
              <input type="search" name="q" aria-label="Szukaj firmy">
              <span id="n">NIP</span><input name="nip" aria-labelledby="n">
              <input name="lonely" placeholder="bez etykiety">
              <input type="hidden" name="token" value="x">
              <button type="submit">Zaloguj</button>
            </form>
            """);

        var (fields, unlabelled) = Accessibility.Labels(browser);

        Assert.Equal(5, fields);
        Assert.Contains("lonely", Assert.Single(unlabelled));
    }

    [Fact]
    public void Axe_core_runs_offline_and_finds_a_field_without_a_label()
    {
        Open("""<main><h1>Firmy</h1><form><input name="lonely"></form></main>""");

        var violations = Accessibility.Axe(browser);

        Assert.Contains(violations, v => v.StartsWith("label ", StringComparison.Ordinal));
    }

    [Fact]
    public void Tab_moves_the_focus_and_the_focused_field_is_reported_with_its_outline()
    {
        Open("""
            <style>input:focus{outline:3px solid #1a4fa0} #plain:focus{outline:none}</style>
            <input id="first" name="first" aria-label="a"><input id="plain" name="plain" aria-label="b">
            """);
        var body = browser.Find(OpenQA.Selenium.By.TagName("body"));

        body.SendKeys(OpenQA.Selenium.Keys.Tab);
        var first = Accessibility.Focused(browser);
        browser.Driver.SwitchTo().ActiveElement().SendKeys(OpenQA.Selenium.Keys.Tab);
        var second = Accessibility.Focused(browser);

        Assert.Equal(("input#first[first]", true), first);
        Assert.Equal(("input#plain[plain]", false), second);
    }

    [Fact]
    public void A_screenshot_of_the_whole_page_is_saved_as_a_png_under_the_artifacts()
    {
        Open("<main style=\"height:2000px\"><h1>Przędzalnia Łęczyca</h1></main>");

        var path = browser.Screenshot("long-page");

        Assert.StartsWith(Browser.ScreenshotRoot, path, StringComparison.Ordinal);
        var png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]; // IHDR height
        Assert.True(height >= 2000, $"the screenshot is {height} px high, the page 2000 px");
    }
}
