using OpenQA.Selenium;
using Xunit.Abstractions;

namespace MlOps.AppHost.Tests;

/// <summary>The Aspire dashboard of the running AppHost, signed in with the link the AppHost prints, in a real headless Chromium.</summary>
[Collection(AspireApp.Collection)]
public sealed class DashboardTests(AspireApp aspire, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string[]> CustomInstruments = new()
    {
        ["predictor"] = ["mlops.predictor.predictions", "mlops.predictor.traffic_share", "mlops.predictor.errors"],
        ["deployer"] = ["mlops.deployer.canary_share", "mlops.deployer.rollouts"],
        ["drift-watcher"] = ["mlops.driftwatcher.feature_distance", "mlops.driftwatcher.alerts", "mlops.driftwatcher.entries"],
        ["trainer"] = ["mlops.trainer.duration", "mlops.trainer.auc"],
        ["registry"] = ["mlops.registry.gate_decisions"],
    };

    [Fact]
    public void The_resources_page_shows_every_service_running_healthy_and_the_loop_driver_finished()
    {
        using var browser = SignedIn();

        browser.Until(_ => Rows(browser).Count >= AspireApp.Services.Length + 2, "a row per resource");
        var rows = Rows(browser);
        browser.Screenshot("dashboard-resources");

        foreach (var resource in AspireApp.Services.Append("traffic"))
        {
            Assert.True(rows.TryGetValue(resource, out var row), $"no row for {resource}: {string.Join("; ", rows.Keys)}");
            Assert.Contains("Running", row, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhealthy", row, StringComparison.Ordinal);
        }

        Assert.Contains("Finished", rows["loop-driver"], StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public void The_metrics_page_lists_each_services_own_instruments_and_charts_the_drift_distance()
    {
        using var browser = SignedIn();

        foreach (var (resource, instruments) in CustomInstruments)
        {
            browser.Open($"{aspire.DashboardUrl}/metrics/resource/{resource}");
            browser.Until(_ => instruments.All(browser.Text.Contains), $"{resource}'s instruments {string.Join(", ", instruments)}", TimeSpan.FromSeconds(90));
        }

        browser.Open($"{aspire.DashboardUrl}/metrics/resource/drift-watcher?meter=MlOps.DriftWatcher&instrument=mlops.driftwatcher.feature_distance");
        browser.Until(_ => browser.Text.Contains("feature", StringComparison.Ordinal) && browser.Text.Contains("comparison", StringComparison.Ordinal), "the feature-distance chart with its feature and comparison dimensions");
        output.WriteLine(browser.Screenshot("dashboard-metrics-feature-distance"));
        browser.Open($"{aspire.DashboardUrl}/metrics/resource/predictor?meter=MlOps.Predictor&instrument=mlops.predictor.predictions");
        browser.Until(_ => browser.Text.Contains("version", StringComparison.Ordinal), "the predictions chart by version");
        output.WriteLine(browser.Screenshot("dashboard-metrics-predictions"));
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public void A_training_request_is_one_trace_through_the_trainer_the_registry_and_the_deployer()
    {
        using var browser = SignedIn();

        browser.Open($"{aspire.DashboardUrl}/traces/resource/trainer");
        IWebElement? trace = null;
        browser.Until(_ => (trace = Rows(browser.Driver).FirstOrDefault(r => r.Text.Contains("POST /api/training", StringComparison.Ordinal))) is not null, "the trace of a training request");
        var text = trace!.Text;
        browser.Screenshot("dashboard-traces");

        Assert.Contains("trainer", text, StringComparison.Ordinal);
        Assert.Contains("registry", text, StringComparison.Ordinal);
        Assert.Contains("deployer", text, StringComparison.Ordinal);
    }

    private Browser SignedIn()
    {
        var browser = new Browser(Browser.ScreenshotsOf("MlOps.AppHost.Tests"));
        browser.Open(aspire.DashboardLoginUrl);
        browser.Until(_ => browser.Text.Contains("Resources", StringComparison.Ordinal) && !browser.Driver.Url.Contains("/login", StringComparison.Ordinal), "the dashboard to sign in");
        return browser;
    }

    private static List<IWebElement> Rows(IWebDriver driver) => [.. driver.FindElements(By.CssSelector("[role=row]"))];

    private static Dictionary<string, string> Rows(Browser browser) =>
        Rows(browser.Driver).Select(r => r.Text.Split('\n')).Where(cells => cells.Length > 1).GroupBy(cells => cells[0].Trim()).ToDictionary(g => g.Key, g => string.Join(" | ", g.First()));
}
