using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// Debian's Chromium (headless) driven by Selenium through Debian's chromedriver, both given by
/// path: Selenium Manager is never asked to find or download a browser or a driver. Waits are
/// explicit (a condition polled until <see cref="Patience"/>), never sleeps. Screenshots go to
/// <c>artifacts/screenshots/&lt;set&gt;/</c> beside the test binaries, and each path is written to the
/// test's output.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    /// <summary>How long a wait lasts before it fails: long, for a slow shared machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ChromeDriver driver;
    private readonly string set;
    private int shots;

    public ITestOutputHelper? Output { get; set; }

    /// <summary>The folder that holds every screenshot the browser tests take.</summary>
    public static string ScreenshotRoot { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <summary>Starts a headless Chromium with a fresh profile; <paramref name="set"/> names its screenshot folder.</summary>
    public Browser(string set, string acceptLanguage = "pl-PL,pl")
    {
        this.set = set;
        Require();
        // Selenium Manager must not go online, should anything ever make Selenium call it
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--force-color-profile=srgb", "--hide-scrollbars",
            $"--lang={acceptLanguage.Split(',')[0]}");
        options.AddUserProfilePreference("intl.accept_languages", acceptLanguage);
        driver = new ChromeDriver(service, options, Patience);
        driver.Manage().Timeouts().PageLoad = Patience;
        driver.Manage().Timeouts().AsynchronousJavaScript = Patience;
    }

    /// <summary>Fails (never skips) when Debian's Chromium or its driver is not installed.</summary>
    public static void Require()
    {
        foreach (var path in new[] { ChromiumPath, DriverPath })
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"{path} is missing: the browser tests drive Debian's chromium through chromium-driver; run scripts/install-deps.sh (as root)");
    }

    public IWebDriver Driver => driver;

    public string Url => driver.Url;

    public string Html => driver.PageSource;

    public void Go(Uri url) => driver.Navigate().GoToUrl(url);

    /// <summary>Waits until the condition holds (exceptions of missing or stale elements count as "not yet").</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(driver, Patience) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public IWebElement Find(By by) => Until(d => d.FindElement(by), $"waiting for {by}");

    public ReadOnlyCollection<IWebElement> FindAll(By by) => driver.FindElements(by);

    /// <summary>
    /// Clicks what submits a form or follows a link and waits until the page it was on is gone, so
    /// that what is found next is of the new page (an element of the old one, such as the notice of
    /// the action before, would otherwise be found at once and then go stale).
    /// </summary>
    public void ClickAndLoad(By by)
    {
        var page = driver.FindElement(By.TagName("html"));
        Find(by).Click();
        Until(_ => Gone(page), $"the page after clicking {by}");
    }

    private static bool Gone(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException) { return true; }
        // chromedriver's answer for a node of a document that was just replaced
        catch (WebDriverException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal)) { return true; }
    }

    /// <summary>Waits until a page whose path starts with <paramref name="path"/> has loaded.</summary>
    public void WaitForPath(string path) =>
        Until(d => new Uri(d.Url).AbsolutePath.StartsWith(path, StringComparison.Ordinal)
                   && Script("return document.readyState") as string == "complete", $"waiting for a page at {path}, at {driver.Url}");

    public object? Script(string js, params object[] args) => driver.ExecuteScript(js, args);

    public object? AsyncScript(string js, params object[] args) => driver.ExecuteAsyncScript(js, args);

    /// <summary>Saves a screenshot of the whole page as artifacts/screenshots/&lt;set&gt;/NN-name.png and returns its path.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(ScreenshotRoot, set);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{++shots:00}-{name}.png");
        SaveFullPage(path);
        Output?.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>
    /// Also saves the page as <c>&lt;folder&gt;/&lt;name&gt;.png</c> when the environment variable
    /// KONEKTOSYNC_README_SCREENSHOTS names a folder (scripts/readme-screenshots.sh sets it to docs/screenshots).
    /// </summary>
    public void ReadmeScreenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("KONEKTOSYNC_README_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        driver.GetScreenshot().SaveAsFile(path);
        Output?.WriteLine($"README screenshot: {path}");
    }

    /// <summary>Saves the whole page (the window grown to the page's height, up to a limit) as a PNG.</summary>
    public void SaveFullPage(string path)
    {
        var window = driver.Manage().Window;
        var before = window.Size;
        var height = Convert.ToInt32(Script("return Math.ceil(document.documentElement.scrollHeight)"), System.Globalization.CultureInfo.InvariantCulture);
        window.Size = new System.Drawing.Size(before.Width, Math.Clamp(height + (before.Height - InnerHeight()), 300, 8000));
        try { driver.GetScreenshot().SaveAsFile(path); }
        finally { window.Size = before; }
    }

    private int InnerHeight() => Convert.ToInt32(Script("return window.innerHeight"), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try { driver.Quit(); }
        catch (WebDriverException) { }
        driver.Dispose();
    }
}
