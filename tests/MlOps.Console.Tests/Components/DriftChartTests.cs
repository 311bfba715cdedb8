using System.Globalization;
using Bunit;
using MlOps.WebConsole.Components.Charts;

namespace MlOps.WebConsole.Tests.Components;

public sealed class DriftChartTests : ConsoleComponentTest
{
    private const string Past = "#a4262c";

    [Fact]
    public void No_window_yet_says_so()
    {
        var chart = Draw(0.2);

        Assert.Equal("No window of this feature has closed yet.", chart.Find(".empty").TextContent);
        Assert.Empty(chart.FindAll("svg"));
    }

    [Fact]
    public void One_window_is_a_single_point_in_the_middle_of_the_time_axis()
    {
        var chart = Draw(0.2, 0.05);

        var axis = chart.Find("line.axis");
        var point = Assert.Single(chart.FindAll("circle"));
        Assert.Equal((Svg.Start(axis).X + Svg.End(axis).X) / 2, Svg.Number(point, "cx"), 2);
        Assert.Single(Svg.Points(chart.Find("polyline")));
        Assert.Contains("the last 0.0500; 0 past the threshold.", chart.Find("desc").TextContent);
        Assert.Equal(["11:05:00", "11:05:00"], chart.FindAll("svg > text").Select(t => t.TextContent));
    }

    [Fact]
    public void Windows_all_under_the_threshold_are_none_of_them_marked()
    {
        var chart = Draw(0.2, 0.01, 0.05, 0.12, 0.19);

        Assert.All(chart.FindAll("circle"), c => Assert.NotEqual(Past, c.GetAttribute("fill")));
        var threshold = Svg.Start(chart.Find("line.threshold")).Y;
        Assert.All(chart.FindAll("circle"), c => Assert.True(Svg.Number(c, "cy") > threshold, "a window under the threshold is drawn below its line"));
        Assert.Contains("4 windows; the last 0.1900; 0 past the threshold.", chart.Find("figcaption").TextContent);
    }

    [Fact]
    public void Windows_all_over_the_threshold_are_all_marked_and_stay_inside_the_plot()
    {
        var chart = Draw(0.2, 0.25, 0.4, 0.9);

        Assert.All(chart.FindAll("circle"), c => Assert.Equal(Past, c.GetAttribute("fill")));
        var top = chart.FindAll("line.grid").Min(g => Svg.Start(g).Y);
        var threshold = Svg.Start(chart.Find("line.threshold")).Y;
        Assert.All(chart.FindAll("circle"), c => Assert.InRange(Svg.Number(c, "cy"), top, threshold - 0.01));
        Assert.Contains("3 past the threshold.", chart.Find("desc").TextContent);
    }

    [Fact]
    public void Only_the_windows_past_the_threshold_are_marked_and_one_exactly_on_it_is_not()
    {
        var chart = Draw(0.2, 0.1, 0.2, 0.31, 0.15);

        Assert.Equal(["#0f5ea8", "#0f5ea8", Past, "#0f5ea8"], chart.FindAll("circle").Select(c => c.GetAttribute("fill")));
        Assert.Equal("2026-12-01 11:15:00 UTC: 0.3100 (v2)", chart.FindAll("circle title")[2].TextContent);
        Assert.Contains("1 past the threshold.", chart.Find("desc").TextContent);
    }

    [Fact]
    public void A_threshold_above_all_the_data_is_still_drawn_inside_the_plot()
    {
        var chart = Draw(0.5, 0.01, 0.03, 0.02);

        var grid = chart.FindAll("line.grid").Select(g => Svg.Start(g).Y).ToList();
        var (top, axis) = (grid.Min(), grid.Max());
        var threshold = Svg.Start(chart.Find("line.threshold")).Y;
        Assert.Equal(2.0 / 3, (axis - threshold) / (axis - top), 2);
        Assert.Equal("0.75", TopLabel(chart));
    }

    [Fact]
    public void Points_and_threshold_sit_on_the_scale_the_axis_labels_give()
    {
        double[] distances = [0.05, 0.1, 0.4];

        var chart = Draw(0.2, distances);

        var grid = chart.FindAll("line.grid").Select(g => Svg.Start(g).Y).ToList();
        var (top, axis) = (grid.Min(), grid.Max());
        var scale = double.Parse(TopLabel(chart), CultureInfo.InvariantCulture);
        Assert.Equal(0.44, scale, 3);
        double Fraction(double y) => (axis - y) / (axis - top);
        Assert.All(distances.Zip(chart.FindAll("circle")), pair => Assert.Equal(pair.First / scale, Fraction(Svg.Number(pair.Second, "cy")), 0.001));
        Assert.Equal(0.2 / scale, Fraction(Svg.Start(chart.Find("line.threshold")).Y), 0.001);
        Assert.Equal(chart.FindAll("circle").Select(c => (Svg.Number(c, "cx"), Svg.Number(c, "cy"))), Svg.Points(chart.Find("polyline")));
    }

    [Fact]
    public void Windows_of_two_versions_are_two_lines_each_of_its_own_windows_in_time_order()
    {
        var chart = Render<DriftChart>(p => p
            .Add(x => x.Feature, "trip_distance")
            .Add(x => x.Threshold, 0.1)
            .Add(x => x.Points, [.. new[] { (1, 0.02), (1, 0.15), (2, 0.01), (1, 0.16), (2, 0.02) }.Select((w, i) => new DriftChart.Point(w.Item1, Samples.At.AddMinutes(5 * (i + 1)), w.Item2))]));

        var lines = chart.FindAll("polyline");
        var circles = chart.FindAll("circle").Select(c => (Svg.Number(c, "cx"), Svg.Number(c, "cy"))).ToList();

        Assert.Equal(["1", "2"], lines.Select(l => l.GetAttribute("data-version")));
        Assert.Equal([circles[0], circles[1], circles[3]], Svg.Points(lines[0]));
        Assert.Equal([circles[2], circles[4]], Svg.Points(lines[1]));
        Assert.Contains("one line per version: v1, v2", chart.Find("figcaption").TextContent, StringComparison.Ordinal);
        Assert.Contains("5 windows; the last 0.0200; 2 past the threshold.", chart.Find("desc").TextContent, StringComparison.Ordinal);
    }

    private static string TopLabel(IRenderedComponent<DriftChart> chart) =>
        chart.FindAll("svg g text").Last().TextContent;

    private IRenderedComponent<DriftChart> Draw(double threshold, params double[] distances) => Render<DriftChart>(p => p
        .Add(x => x.Feature, "trip_distance")
        .Add(x => x.Metric, "jensen-shannon")
        .Add(x => x.Threshold, threshold)
        .Add(x => x.Points, [.. distances.Select((d, i) => new DriftChart.Point(2, Samples.At.AddMinutes(5 * (i + 1)), d))]));
}
