using System.Globalization;

namespace MlOps.Core;

internal static class Invariant
{
    public static string ToInvariant(this double value) => value.ToString("G", CultureInfo.InvariantCulture);

    public static string ToInvariant(this float value) => value.ToString("G", CultureInfo.InvariantCulture);

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
