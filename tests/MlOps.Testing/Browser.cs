using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace MlOps.Testing;

/// <summary>Debian's headless Chromium driven by Selenium through Debian's chromedriver, with screenshots kept as test artifacts.</summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    private readonly TempDirectory _profile = new("mlops-chromium");
    private readonly ChromeDriver _driver;

    /// <param name="screenshotFolder">Where <see cref="Screenshot"/> saves; see <see cref="ScreenshotsOf"/>.</param>
    public Browser(string screenshotFolder)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} and {ChromeDriverPath} are needed: apt-get install chromium chromium-driver (./test.sh does)");
        }

        ScreenshotFolder = screenshotFolder;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // Without the background-networking flags Chromium keeps trying Google's hosts on a closed network.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,1000", $"--user-data-dir={_profile.Path}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public IWebDriver Driver => _driver;

    public string ScreenshotFolder { get; }

    public string Text => _driver.FindElement(By.TagName("body")).Text;

    /// <summary><c>tests/{project}/TestResults/screenshots</c>, which .gitignore keeps out of the repository.</summary>
    public static string ScreenshotsOf(string project) => Path.Combine(Repository.Root, "tests", project, "TestResults", "screenshots");

    public void Open(string url) => _driver.Navigate().GoToUrl(url);

    /// <summary>Lays pages out at <paramref name="width"/> × <paramref name="height"/> CSS pixels; <paramref name="mobile"/> as a phone does (meta viewport, touch).</summary>
    public void Viewport(int width, int height, bool mobile = false) =>
        _driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = mobile,
        });

    /// <summary>Runs <paramref name="script"/> in the page and returns what it returns.</summary>
    public object? Script(string script, params object[] arguments) => _driver.ExecuteScript(script, arguments);

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
            throw new TimeoutException($"waited for {what} at {_driver.Url}; the page showed:\n{Text}");
        }
    }

    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>The SEVERE entries of the browser's console since the last call (reading the log empties it).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        [.. _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message)];

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
        _profile.Dispose();
    }
}
