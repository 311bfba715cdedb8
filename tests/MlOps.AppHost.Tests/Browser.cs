using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace MlOps.AppHost.Tests;

/// <summary>Debian's headless Chromium driven by Selenium through Debian's chromedriver, with screenshots kept as test artifacts.</summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    private readonly MlOps.Testing.TempDirectory _profile = new("mlops-chromium");
    private readonly ChromeDriver _driver;

    public Browser()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} and {ChromeDriverPath} are needed: apt-get install chromium chromium-driver (./test.sh does)");
        }

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // Without the background-networking flags Chromium keeps trying Google's hosts on a closed network.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,1000", $"--user-data-dir={_profile.Path}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public IWebDriver Driver => _driver;

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> beside the test project's output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(Repository.Root, "tests", "MlOps.AppHost.Tests", "TestResults", "screenshots");

    public void Open(string url) => _driver.Navigate().GoToUrl(url);

    public string Text => _driver.FindElement(By.TagName("body")).Text;

    /// <summary>Waits until <paramref name="condition"/> holds for the page, saying what was awaited and what the page showed.</summary>
    public void Until(Func<IWebDriver, bool> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(_driver, timeout ?? TimeSpan.FromSeconds(60)) { PollingInterval = TimeSpan.FromMilliseconds(250) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            wait.Until(condition);
        }
        catch (WebDriverTimeoutException)
        {
            Screenshot($"timeout-{string.Concat(what.Where(char.IsLetterOrDigit)).ToLowerInvariant()}");
            throw new TimeoutException($"waited for {what}; the page showed:\n{Text}");
        }
    }

    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public IReadOnlyList<string> ConsoleErrors() =>
        [.. _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message)];

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
        _profile.Dispose();
    }
}
