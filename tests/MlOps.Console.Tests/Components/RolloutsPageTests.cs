using Bunit;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.WebConsole.Components.Pages;

namespace MlOps.WebConsole.Tests.Components;

public sealed class RolloutsPageTests : ConsoleComponentTest
{
    private const string Reason = "canary error rate 7.4% is over the 2% the policy allows";

    public RolloutsPageTests()
    {
        Platform.Deployments.Add(Deployment(1, "Completed", stable: null) with { CreatedAt = Samples.At.AddHours(-5) });
        Platform.Deployments.Add(Deployment(2, "RolledBack", stable: 1));
        Platform.Fleet = new DesiredState(9, [new ModelSplit(Samples.Model, 4, [new SplitEntry(1, "models/trips/v1.zip", 100)])]);
    }

    [Fact]
    public void A_rolled_back_canary_shows_its_badge_reason_and_signals()
    {
        var page = Render<Rollouts>(p => p.Add(x => x.Model, Samples.Model));

        var canary = page.Find("#rollouts li[data-version='2']");
        Assert.Equal("RolledBack", canary.GetAttribute("data-state"));
        var badge = canary.QuerySelector(".badge")!;
        Assert.Equal("rolled back", badge.TextContent);
        Assert.Contains("bad", badge.ClassList);
        Assert.Equal("canary, replacing v1", canary.QuerySelector("small")!.TextContent);
        Assert.Equal(Reason, canary.QuerySelector("[data-reason]")!.TextContent);
        var facts = Facts(canary);
        Assert.Equal("10% from 2026-12-01 11:00:00 UTC", facts["Canary share"]);
        Assert.Equal("1,500 canary requests, 111 errors; p99 182.5 ms against 41 ms; score divergence 0.0312", facts["Signals"]);
        Assert.Equal("error-rate", facts["Deciding signal"]);
        Assert.Equal("2026-12-01 11:20:00 UTC", facts["Finished"]);
        Assert.Equal(["1", "2"], page.FindAll("#rollouts > li").Select(li => li.GetAttribute("data-version")));
    }

    [Fact]
    public void After_the_rollback_the_split_gives_all_traffic_back_to_the_stable_version()
    {
        var page = Render<Rollouts>(p => p.Add(x => x.Model, Samples.Model));

        var split = page.Find("#split");
        Assert.Equal("4", split.GetAttribute("data-generation"));
        Assert.Equal(["v1 100%"], split.QuerySelectorAll(".bar span").Select(s => s.TextContent));
        Assert.Equal("v1 100%", split.QuerySelector(".bar")!.GetAttribute("aria-label"));
        Assert.DoesNotContain("v2", split.TextContent);
        Assert.Equal("Completed", page.Find("#rollouts li[data-version='1']").GetAttribute("data-state"));
        Assert.Equal("promoted", page.Find("#rollouts li[data-version='1'] .badge").TextContent);
    }

    [Fact]
    public void An_operator_rolls_back_with_a_reason_naming_them_and_the_page_reads_again()
    {
        var page = Render<Rollouts>(p => p.Add(x => x.Model, Samples.Model));

        page.Find("#rollback-start").Click();
        page.Find("#rollback-reason").Input("p99 too high");
        Platform.Fleet = new DesiredState(10, [new ModelSplit(Samples.Model, 5, [new SplitEntry(1, "models/trips/v1.zip", 100)])]);
        page.Find("#rollback-confirm").Click();

        Assert.Equal([$"{Alice} through the console: p99 too high"], Platform.RollBacks);
        Assert.Equal("Version 2 of trips is rolled back", page.Find("#rollback-outcome").TextContent);
        Assert.Equal("5", page.Find("#split").GetAttribute("data-generation"));
    }

    private static Dictionary<string, string> Facts(AngleSharp.Dom.IElement item) =>
        item.QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent, dt => dt.NextElementSibling!.TextContent.Trim());

    private static DeploymentView Deployment(int version, string state, int? stable) => new(
        Guid.NewGuid(), Samples.Model, version, $"models/trips/v{version}.zip", RolloutStrategies.Canary, state, stable,
        CanaryPercent: stable is null ? 0 : 10, Generation: version + 2,
        CanaryRequests: stable is null ? 0 : 1500, CanaryErrors: stable is null ? 0 : 111,
        CanaryP99Ms: stable is null ? null : 182.5, StableP99Ms: stable is null ? null : 41, ScoreDivergence: stable is null ? null : 0.0312,
        ShadowCompared: 0, ShadowAgreed: 0, Signal: stable is null ? null : "error-rate", Reason: stable is null ? "promoted" : Reason,
        CreatedAt: Samples.At.AddMinutes(-10), PhaseStartedAt: Samples.At, FinishedAt: Samples.At.AddMinutes(20));
}
