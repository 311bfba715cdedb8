using Bunit;
using MlOps.Contracts.Api;
using MlOps.WebConsole.Components.Charts;

namespace MlOps.WebConsole.Tests.Components;

public sealed class HistogramChartTests : ConsoleComponentTest
{
    [Fact]
    public void No_bins_say_no_distribution_was_recorded()
    {
        var chart = Draw();

        Assert.Equal("No distribution recorded for this feature.", chart.Find(".empty").TextContent);
        Assert.Empty(chart.FindAll("svg"));
    }

    [Fact]
    public void Shares_of_zero_draw_flat_bars_on_the_axis_and_no_NaN()
    {
        var chart = Draw(new HistogramBin("[0, 2)", 0, 0), new HistogramBin("[2, 5)", 0, 0), new HistogramBin("(missing)", 0, 0));

        var axis = Svg.Start(chart.Find("line.axis")).Y;
        var bars = chart.FindAll("rect");
        Assert.Equal(6, bars.Count);
        Assert.All(bars, bar => Assert.Equal((axis, 0.0), (Svg.Number(bar, "y"), Svg.Number(bar, "height"))));
        Assert.DoesNotContain("NaN", chart.Markup);
        Assert.DoesNotContain("Infinity", chart.Markup);
        Assert.Contains("the largest move is [0, 2): 0.0% in training, 0.0% now.", chart.Find("desc").TextContent);
    }

    [Fact]
    public void A_categorical_feature_has_a_pair_of_bars_per_value_in_proportion_to_its_shares()
    {
        HistogramBin[] bins = [new("cash", 0.55, 0.30), new("credit_card", 0.35, 0.10), new("(other)", 0.05, 0.50), new("(missing)", 0.05, 0.10)];

        var chart = Draw(bins);

        var bars = chart.FindAll("rect");
        Assert.Equal(
            bins.SelectMany(b => new[] { $"{b.Label} baseline {b.Baseline:0.0%}", $"{b.Label} current {b.Current:0.0%}" }),
            bars.Select(r => r.QuerySelector("title")!.TextContent));
        var tallest = Svg.Number(bars[0], "height");
        var shares = bins.SelectMany(b => new[] { b.Baseline, b.Current }).ToList();
        Assert.All(shares.Zip(bars), pair => Assert.Equal(pair.First / 0.55, Svg.Number(pair.Second, "height") / tallest, 0.001));
        var axis = Svg.Start(chart.Find("line.axis"));
        Assert.All(bars, r => Assert.Equal(axis.Y, Svg.Number(r, "y") + Svg.Number(r, "height"), 1));
        Assert.Equal(["cash", "(missing)"], chart.FindAll("svg > text").Select(t => t.TextContent));
        Assert.Contains("over 4 bins; the largest move is (other): 5.0% in training, 50.0% now.", chart.Find("desc").TextContent);
    }

    [Fact]
    public void Bars_stay_in_their_own_slot_inside_the_plot()
    {
        var chart = Draw([.. Enumerable.Range(0, 10).Select(i => new HistogramBin($"q{i}", 0.1, i == 9 ? 0.3 : 0.07))]);

        var axis = chart.Find("line.axis");
        var (left, right) = (Svg.Start(axis).X, Svg.End(axis).X);
        var edges = chart.FindAll("rect").Select(r => (Start: Svg.Number(r, "x"), End: Svg.Number(r, "x") + Svg.Number(r, "width"))).ToList();
        Assert.All(edges, e => Assert.InRange(e.Start, left, right));
        Assert.All(edges, e => Assert.InRange(e.End, left, right));
        Assert.All(edges.Zip(edges.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, "bars overlap"));
        var top = chart.FindAll("line.grid").Min(g => Svg.Start(g).Y);
        Assert.All(chart.FindAll("rect"), r => Assert.True(Svg.Number(r, "y") >= top, "a bar is taller than the plot"));
    }

    private IRenderedComponent<HistogramChart> Draw(params HistogramBin[] bins) =>
        Render<HistogramChart>(p => p.Add(x => x.Feature, "payment_type").Add(x => x.Bins, bins));
}
