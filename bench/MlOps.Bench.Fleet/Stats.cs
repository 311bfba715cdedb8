/// <summary>Percentiles as the benches report them: the nearest rank.</summary>
internal static class Stats
{
    public static double Percentile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1))];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);
}
