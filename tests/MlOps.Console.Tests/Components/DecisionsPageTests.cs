using Bunit;
using MlOps.Contracts.Api;
using MlOps.WebConsole.Components.Pages;

namespace MlOps.WebConsole.Tests.Components;

public sealed class DecisionsPageTests : ConsoleComponentTest
{
    private static readonly GatePolicyView Policy = new(0.7, 0.01);

    [Fact]
    public void A_rejected_challenger_is_shown_against_the_champion_it_did_not_beat()
    {
        Platform.Decisions[Samples.Model] =
        [
            new DecisionView(2, false, "AUC 0.8150 is not better than v1's 0.8200 by 0.0100", 0.815, 0.82, 1, Policy, Samples.At,
                Samples.Metrics(auc: 0.815, holdoutRows: 1300), Samples.Metrics(auc: 0.82, holdoutRows: 1300)),
        ];

        var page = Render<Decisions>(p => p.Add(x => x.Model, Samples.Model));

        var decision = page.Find("section.decision[data-version='2']");
        var verdict = decision.QuerySelector("[data-verdict]")!;
        Assert.Equal(("rejected", "rejected"), (verdict.GetAttribute("data-verdict"), verdict.TextContent));
        Assert.Contains("bad", verdict.ClassList);
        Assert.Equal("AUC 0.8150 is not better than v1's 0.8200 by 0.0100", decision.QuerySelector(".reason")!.TextContent);
        Assert.Equal(["Metric", "Challenger v2", "Champion v1"], decision.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(("0.8150", "0.8200"), (decision.QuerySelector("[data-side='challenger']")!.TextContent, decision.QuerySelector("[data-side='champion']")!.TextContent));
        Assert.Equal(["1,300", "1,300"], Row(decision, "Holdout rows"));
        Assert.Contains("AUC at least 0.7000, and better than the champion's by at least 0.0100", decision.TextContent);
    }

    [Fact]
    public void A_first_version_judged_with_no_champion_shows_dashes_on_the_champion_side()
    {
        Platform.Decisions[Samples.Model] =
        [
            new DecisionView(1, true, "first version: AUC 0.8200 meets the minimum 0.7000", 0.82, null, null, Policy, Samples.At, Samples.Metrics()),
        ];

        var page = Render<Decisions>(p => p.Add(x => x.Model, Samples.Model));

        var decision = page.Find("section.decision[data-version='1']");
        Assert.Equal("promoted", decision.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Equal("Champion —", decision.QuerySelectorAll("thead th")[2].TextContent);
        Assert.Equal("—", decision.QuerySelector("[data-side='champion']")!.TextContent);
        foreach (var metric in new[] { "Accuracy", "F1", "Log-loss", "Holdout rows" })
        {
            Assert.Equal("—", Row(decision, metric)[1]);
        }
    }

    [Fact]
    public void A_model_the_gate_has_not_judged_says_so()
    {
        Platform.Decisions[Samples.Model] = [];

        var page = Render<Decisions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.Equal("The gate has not judged a version of trips yet.", page.Find("#no-decisions").TextContent);
    }

    private static string[] Row(AngleSharp.Dom.IElement decision, string metric) =>
        [.. decision.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == metric).QuerySelectorAll("td").Select(td => td.TextContent)];

    [Fact]
    public void Decisions_past_a_page_name_the_versions_shown_and_link_to_the_older_page()
    {
        Platform.PageSize = 2;
        Platform.Decisions[Samples.Model] = [.. Enumerable.Range(1, 5).Select(v => new DecisionView(v, true, $"v{v} is better", 0.82, 0.81, v - 1, Policy, Samples.At, Samples.Metrics()))];

        var newest = Render<Decisions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.Equal(["5", "4"], newest.FindAll("section.decision").Select(d => d.GetAttribute("data-version")));
        Assert.Equal("Decisions on v5 to v4, newest first.", newest.Find("#decisions-range").TextContent);
        Assert.Equal("/models/trips/decisions?from=3", newest.Find("#decisions-pages a[data-page='older']").GetAttribute("href"));

        Navigate("/models/trips/decisions?from=1");
        var oldest = Render<Decisions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.Equal(["1"], oldest.FindAll("section.decision").Select(d => d.GetAttribute("data-version")));
        Assert.Equal("Decisions on v1 to v1, newest first, the oldest.", oldest.Find("#decisions-range").TextContent);
        Assert.Empty(oldest.FindAll("#decisions-pages a[data-page='older']"));
        Assert.Equal("/models/trips/decisions", oldest.Find("#decisions-pages a[data-page='newest']").GetAttribute("href"));
    }

    [Fact]
    public void Decisions_that_fit_one_page_show_no_range_and_no_page_links()
    {
        Platform.Decisions[Samples.Model] = [new DecisionView(1, true, "first version", 0.82, null, null, Policy, Samples.At, Samples.Metrics())];

        var page = Render<Decisions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.Empty(page.FindAll("#decisions-range"));
        Assert.Empty(page.FindAll("#decisions-pages"));
    }
}
