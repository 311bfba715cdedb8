using System.Globalization;
using OpenQA.Selenium;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>Each page once the loop has closed: the data of this run, then <see cref="ConsolePage.CheckUsable"/>.</summary>
public sealed partial class ConsoleInChromiumTests
{
    [Fact]
    public async Task The_models_page_lists_taxi_tips_with_two_versions_and_v2_champion()
    {
        await loop.Closed;
        _page.Open("/");

        var cells = Cells(_page.Wait($"#models tr[data-model='{Model}']", "the taxi-tips row"));
        Assert.Equal([Model, "2", "v2", "v2"], cells[..4]);
        Log(_page.CheckUsable("models"));
    }

    [Fact]
    public async Task The_versions_page_shows_v1_and_v2_with_v2_champion_and_the_alias_history()
    {
        await loop.Closed;
        _page.Open($"/models/{Model}");

        Assert.Equal([2, 1], Versions());
        Assert.Contains("champion", _page.Find("#versions tr[data-version='2']").Text, StringComparison.Ordinal);
        Assert.Contains(_page.FindAll("#aliases tbody tr"), r => Cells(r) is [_, "champion", "v1", "v2", ..]);
        Log(_page.CheckUsable("model-versions"));
    }

    [Fact]
    public async Task The_version_page_shows_v2s_metrics_confusion_matrix_roc_curve_and_drift_lineage()
    {
        await loop.Closed;
        _page.Open($"/models/{Model}/versions/2");

        var auc = Number(_page.Find("#metrics dd[data-metric=auc]").Text);
        Assert.InRange(auc, 0.5, 1);
        var cells = new[] { "tp", "fn", "fp", "tn" }.Select(c => Number(_page.Find($"#confusion td[data-cell={c}]").Text.Split(' ')[0])).ToList();
        Assert.All(cells, c => Assert.True(c > 0));
        Assert.Contains($"on {cells.Sum().ToString("N0", CultureInfo.InvariantCulture)} holdout rows", _page.Find("#confusion caption").Text, StringComparison.Ordinal);
        Assert.True(_page.Find("svg#roc polyline.curve").GetDomAttribute("points")!.Split(' ').Length > 2, "the ROC curve has no points");
        Assert.Contains(auc.ToString("0.0000", CultureInfo.InvariantCulture), _page.Find("svg#roc title").GetDomProperty("textContent"), StringComparison.Ordinal);
        Assert.Equal("drift", _page.Find("#lineage dd[data-lineage=reason]").Text);
        Assert.Contains("drift alert", _page.Find("#lineage").Text, StringComparison.Ordinal);
        Log(_page.CheckUsable("model-version-2"));
    }

    [Fact]
    public async Task The_decisions_page_shows_v2_promoted_over_v1_with_both_aucs()
    {
        await loop.Closed;
        _page.Open($"/models/{Model}/decisions");

        var v2 = _page.Wait("#decisions [data-version='2']", "the decision on v2");
        Assert.Equal("promoted", v2.FindElement(By.CssSelector("[data-verdict]")).GetDomAttribute("data-verdict"));
        var challenger = Number(v2.FindElement(By.CssSelector("td[data-side=challenger]")).Text);
        var champion = Number(v2.FindElement(By.CssSelector("td[data-side=champion]")).Text);
        Assert.True(challenger > champion, $"v2's AUC {challenger} is not above the champion's {champion}");
        Assert.Equal("promoted", _page.Find("#decisions [data-version='1'] [data-verdict]").GetDomAttribute("data-verdict"));
        Log(_page.CheckUsable("model-decisions"));
    }

    [Fact]
    public async Task The_rollouts_page_shows_v1_then_v2_completed_and_v2_serving_all_traffic()
    {
        await loop.Closed;
        _page.Open($"/models/{Model}/rollouts");

        Assert.Equal(["1", "2"], _page.FindAll("#rollouts li[data-version]").Select(l => l.GetDomAttribute("data-version")));
        Assert.Equal("Completed", _page.Find("#rollouts li[data-version='2']").GetDomAttribute("data-state"));
        Assert.Contains("v2 100%", _page.Find("#split").Text, StringComparison.Ordinal);
        Assert.Contains(_page.FindAll("#replicas tr[data-replica]"), r => r.GetDomAttribute("data-live") == "true");
        Log(_page.CheckUsable("model-rollouts"));
    }

    [Fact]
    public async Task The_drift_page_shows_the_alert_whose_retraining_links_to_its_run_on_the_training_page()
    {
        await loop.Closed;
        _page.Open($"/models/{Model}/drift");

        const string Retraining = "#alerts tr[data-alert] a.retraining";
        Assert.Contains("v2", _page.Wait(Retraining, "the drift alert with its retraining").Text, StringComparison.Ordinal);
        Assert.True(_page.FindAll("#drift-charts figure[data-feature]").Count > 0, "no drift chart");
        Assert.True(_page.FindAll("#histograms figure[data-histogram]").Count > 0, "no histogram");
        Log(_page.CheckUsable("model-drift"));

        var href = _page.Find(Retraining).GetDomAttribute("href")!;
        Assert.StartsWith("/training#run-", href, StringComparison.Ordinal);
        var run = href["/training#run-".Length..];
        _page.Find(Retraining).Click();
        var row = _page.Wait($"#runs tr[data-run='{run}']", $"run {run} on the training page");
        Assert.Equal("trained", row.GetDomAttribute("data-outcome"));
    }

    [Fact]
    public async Task The_training_page_shows_the_initial_and_the_drift_run_that_trained_v1_and_v2()
    {
        await loop.Closed;
        _page.Open("/training");

        var runs = _page.FindAll("#runs tr[data-run]").Select(Cells).ToList();
        Assert.Contains(runs, r => r[2] == "initial" && r[3].Contains("v1", StringComparison.Ordinal));
        Assert.Contains(runs, r => r[2].StartsWith("drift", StringComparison.Ordinal) && r[3].Contains("v2", StringComparison.Ordinal));
        Assert.Equal("trained", _page.Find("#runs tr[data-run]").GetDomAttribute("data-outcome"));
        Assert.True(_page.FindAll("#failures, #no-failures").Count == 1, "neither the failures nor their absence is shown");
        Log(_page.CheckUsable("training"));
    }

    private static string[] Cells(IWebElement row) => [.. row.FindElements(By.CssSelector("th, td")).Select(c => c.Text.Trim())];

    private static double Number(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
