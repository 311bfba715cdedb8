using System.Globalization;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>
/// The console of a real <c>mlops loop --serve</c> in a real headless Chromium: a page follows the loop while it
/// runs, every page shows what this run did, and retraining works from the keyboard. The tests share the one loop,
/// so they run in <see cref="LoopStage"/> order.
/// </summary>
[Collection(RunningLoop.Collection)]
[TestCaseOrderer(LoopStageOrderer.TypeName, LoopStageOrderer.AssemblyName)]
public sealed partial class ConsoleInChromiumTests(RunningLoop loop, ITestOutputHelper output)
{
    private const string Model = "taxi-tips";
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(2);
    private readonly ConsolePage _page = new(loop);

    [Fact]
    [Stage(LoopStage.Running)]
    public void A_page_opened_while_the_loop_runs_shows_v2_arrive_without_a_reload()
    {
        _page.Open($"/models/{Model}");
        var firstRead = _page.Updated;
        var versionsAtFirst = Versions();
        _page.Script("window.mlopsOpenedOnce = true;");

        _page.Until(() => Versions().Contains(2), "v2 to appear on the open page", LoopProcess.CloseTimeout);

        Assert.False(versionsAtFirst.Contains(2), "v2 was registered before the page first read the Registry: the page opened too late to show it arrive");
        Assert.True(_page.Updated > firstRead, "#live[data-updated] did not move while the page followed the loop");
        Assert.Equal(true, _page.Script("return window.mlopsOpenedOnce === true;"));
        Assert.Equal($"{loop.ConsoleUrl}/models/{Model}", _page.Driver.Url);
        Assert.Contains(1, Versions());
        output.WriteLine($"versions when the page first read the Registry: [{string.Join(", ", versionsAtFirst)}]; then, without a reload: [{string.Join(", ", Versions())}]");
    }

    [Fact]
    [Stage(LoopStage.Acting)]
    public async Task Retraining_from_the_keyboard_adds_a_run_to_the_training_page()
    {
        await loop.Closed;
        _page.Open("/training");
        var runsBefore = Runs();

        _page.Open($"/models/{Model}");
        _page.TabTo("retrain-start");
        _page.Press(Keys.Enter);
        _page.Wait("#retrain-confirm", "the retrain confirmation");
        Log(_page.CheckUsable("model-retrain-confirm"));
        _page.TabTo("retrain-confirm");
        _page.Press(Keys.Enter);
        _page.Until(() => _page.Find("#retrain-outcome").Text.Length > 0, "the outcome of the retrain");
        var outcome = _page.Find("#retrain-outcome").Text;
        Assert.Contains("requested", outcome, StringComparison.Ordinal);
        var run = RunId().Match(outcome) is { Success: true } m ? m.Value : throw new InvalidOperationException($"no run id in the outcome '{outcome}'");

        _page.Open("/training");
        _page.Until(() => Runs().Contains(run), $"run {run} on the training page", TrainingTimeout);

        Assert.Equal(runsBefore.Count + 1, Runs().Count);
        Assert.DoesNotContain(run, runsBefore);
        Assert.Contains(_page.Find($"tr[data-run='{run}']").GetDomAttribute("data-outcome"), new[] { "trained", "failed" });
        Log(_page.CheckUsable("training-after-retrain"));
    }

    [Fact]
    [Stage(LoopStage.Acting)]
    public async Task Rolling_back_records_the_reason_and_the_user_and_the_timeline_shows_it()
    {
        await loop.Closed;
        _page.Open($"/models/{Model}/rollouts");
        var rolledBackBefore = _page.FindAll("#rollouts li[data-state='RolledBack']").Count;

        _page.Find("#rollback-start").Click();
        _page.Wait("#rollback-reason", "the rollback confirmation").SendKeys("browser test: roll back");
        Log(_page.CheckUsable("model-rollback-confirm"));
        _page.Find("#rollback-confirm").Click();
        _page.Until(() => _page.Find("#rollback-outcome").Text.Length > 0, "the outcome of the rollback");
        var outcome = _page.Find("#rollback-outcome").Text;
        _page.Until(() => _page.FindAll("#rollouts li[data-state='RolledBack']").Count > rolledBackBefore, "a rolled-back rollout on the timeline, without a reload");

        Assert.Contains("is rolled back", outcome, StringComparison.Ordinal);
        var rolledBack = _page.FindAll("#rollouts li[data-state='RolledBack']")[^1];
        Assert.Contains("local operator through the console: browser test: roll back", rolledBack.FindElement(By.CssSelector("[data-reason]")).Text, StringComparison.Ordinal);
        Log(_page.CheckUsable("model-rollouts-after-rollback"));
    }

    [Fact]
    public void The_usability_checks_fail_a_page_that_breaks_them()
    {
        loop.Browser.ConsoleErrors();
        loop.Browser.Open("""
            data:text/html,<!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>broken</title></head><body><main><h1>Broken</h1>
            <button></button><p style="color:rgb(187,187,187)">faint</p><div style="width:2000px">wide</div>
            <script>console.error("broken on purpose")</script></main></body></html>
            """);

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => _page.CheckUsable("usability-checks-on-a-broken-page")).Message;

        Assert.Contains("button-name (critical", failure, StringComparison.Ordinal);
        Assert.Contains("color-contrast (serious", failure, StringComparison.Ordinal);
        Assert.Contains("at 390 px the page scrolls sideways", failure, StringComparison.Ordinal);
        Assert.Contains("broken on purpose", failure, StringComparison.Ordinal);
        output.WriteLine(failure);
    }

    private List<int> Versions() =>
        [.. _page.FindAll("#versions tr[data-version]").Select(r => int.Parse(r.GetDomAttribute("data-version")!, CultureInfo.InvariantCulture))];

    private List<string> Runs() => [.. _page.FindAll("#runs tr[data-run]").Select(r => r.GetDomAttribute("data-run")!)];

    private void Log(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RunId();
}
