/// <summary>Medians as the benches report them: the nearest rank.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(0.5 * sorted.Count) - 1)];
    }
}
