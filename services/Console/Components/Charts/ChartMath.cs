using System.Globalization;

namespace MlOps.WebConsole.Components.Charts;

/// <summary>Coordinates for the SVG charts: a plot area inside margins, values mapped onto it.</summary>
public readonly record struct PlotArea(double Width, double Height, double Left = 44, double Right = 12, double Top = 12, double Bottom = 32)
{
    public double InnerWidth => Width - Left - Right;

    public double InnerHeight => Height - Top - Bottom;

    public double X(double fraction) => Left + (Math.Clamp(fraction, 0, 1) * InnerWidth);

    public double Y(double fraction) => Top + ((1 - Math.Clamp(fraction, 0, 1)) * InnerHeight);

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
