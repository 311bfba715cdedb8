using System.Globalization;
using AngleSharp.Dom;

namespace MlOps.WebConsole.Tests.Components;

/// <summary>Reads the numbers back out of the charts' SVG.</summary>
internal static class Svg
{
    public static double Number(IElement element, string attribute) =>
        double.Parse(element.GetAttribute(attribute) ?? throw new InvalidOperationException($"<{element.LocalName}> has no {attribute}"), CultureInfo.InvariantCulture);

    public static (double X, double Y) Start(IElement line) => (Number(line, "x1"), Number(line, "y1"));

    public static (double X, double Y) End(IElement line) => (Number(line, "x2"), Number(line, "y2"));

    public static (double X, double Y)[] Points(IElement polyline) =>
        [.. (polyline.GetAttribute("points") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))];
}
