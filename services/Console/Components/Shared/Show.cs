using System.Globalization;

namespace MlOps.WebConsole.Components.Shared;

/// <summary>How figures read on every page.</summary>
public static class Show
{
    public static string Version(int? version) => version is { } v ? $"v{v}" : "—";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "—";

    public static string Time(DateTime at) => Time(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));

    public static string Time(DateTime? at) => at is { } value ? Time(value) : "—";

    public static string Metric(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Metric(double? value) => value is { } v ? Metric(v) : "—";

    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + " ms" : "—";

    public static string Model(string model) => Uri.EscapeDataString(model);
}
