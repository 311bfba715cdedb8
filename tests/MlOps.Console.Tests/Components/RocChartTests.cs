using Bunit;
using MlOps.Contracts;
using MlOps.WebConsole.Components.Charts;

namespace MlOps.WebConsole.Tests.Components;

public sealed class RocChartTests : ConsoleComponentTest
{
    [Fact]
    public void No_curve_says_none_was_recorded()
    {
        var chart = Render<RocChart>(p => p.Add(x => x.Points, null).Add(x => x.Auc, 0.8));

        Assert.Equal("No ROC curve was recorded for this version.", chart.Find("#roc-missing").TextContent);
        Assert.Empty(chart.FindAll("svg"));
    }

    [Fact]
    public void A_single_point_is_not_drawn_as_a_curve()
    {
        var chart = Render<RocChart>(p => p.Add(x => x.Points, [new RocPoint(0, 0, 1)]));

        Assert.NotNull(chart.Find("#roc-missing"));
        Assert.Empty(chart.FindAll("polyline"));
    }

    [Fact]
    public void A_curve_runs_from_the_plots_origin_to_its_top_right_corner_above_the_diagonal()
    {
        RocPoint[] curve = [new(0, 0, 1), new(0.1, 0.55, 0.8), new(0.25, 0.8, 0.5), new(0.6, 0.95, 0.2), new(1, 1, 0)];

        var chart = Render<RocChart>(p => p.Add(x => x.Points, curve).Add(x => x.Auc, 0.8731).Add(x => x.HoldoutRows, 1200));

        var diagonal = chart.Find("line.threshold");
        var points = Svg.Points(chart.Find("polyline.curve"));
        Assert.Equal(curve.Length, points.Length);
        Assert.Equal(Svg.Start(diagonal), points[0]);
        Assert.Equal(Svg.End(diagonal), points[^1]);
        var (x0, y0) = Svg.Start(diagonal);
        var (x1, y1) = Svg.End(diagonal);
        foreach (var (x, y) in points[1..^1])
        {
            Assert.InRange(x, x0, x1);
            var diagonalY = y0 + ((x - x0) / (x1 - x0) * (y1 - y0));
            Assert.True(y < diagonalY, $"({x}, {y}) should be above the diagonal (y {diagonalY})");
        }

        var axes = chart.FindAll("line.axis");
        Assert.All(axes, axis => Assert.Equal(Svg.Start(diagonal), Svg.Start(axis)));
        Assert.Equal("ROC curve, AUC 0.8731", chart.Find("#roc-title").TextContent);
        Assert.Contains("at 5 thresholds", chart.Find("#roc-desc").TextContent);
        Assert.Equal("ROC on 1,200 holdout rows: AUC 0.8731. Vertical axis: true positive rate.", chart.Find("figcaption").TextContent);
    }

    [Fact]
    public void The_rate_axis_is_scaled_so_a_rate_of_one_half_sits_halfway()
    {
        var chart = Render<RocChart>(p => p.Add(x => x.Points, [new RocPoint(0, 0, 1), new RocPoint(0.5, 0.5, 0.5), new RocPoint(1, 1, 0)]));

        var diagonal = chart.Find("line.threshold");
        var middle = Svg.Points(chart.Find("polyline.curve"))[1];
        Assert.Equal((Svg.Start(diagonal).X + Svg.End(diagonal).X) / 2, middle.X, 2);
        Assert.Equal((Svg.Start(diagonal).Y + Svg.End(diagonal).Y) / 2, middle.Y, 2);
    }
}
