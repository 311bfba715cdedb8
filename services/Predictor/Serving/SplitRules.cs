using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>What makes a split servable: serving shares that sum to 100, at most one shadow at 0%, each version once, each with a package.</summary>
public static class SplitRules
{
    /// <summary>Why the split cannot be served, or null when it can.</summary>
    public static string? Problem(ModelSplit split)
    {
        var serving = split.Versions.Where(v => v.Role == SplitRole.Serving).ToList();
        var shadows = split.Versions.Where(v => v.Role == SplitRole.Shadow).ToList();
        if (serving.Count == 0)
        {
            return "versions: give at least one serving version";
        }

        if (serving.Any(v => v.Percent is < 0 or > 100))
        {
            return "versions: each percent must be between 0 and 100";
        }

        if (serving.Sum(v => v.Percent) != 100)
        {
            return $"versions: serving percents must sum to 100, not {serving.Sum(v => v.Percent)}";
        }

        if (shadows.Count > 1 || shadows.Any(s => s.Percent != 0))
        {
            return "versions: at most one shadow, and it takes 0% of the traffic";
        }

        if (split.Versions.Select(v => v.Version).Distinct().Count() != split.Versions.Count)
        {
            return "versions: a version is listed twice";
        }

        return split.Versions.Any(v => string.IsNullOrWhiteSpace(v.PackageUri)) ? "versions: every version needs a packageUri" : null;
    }
}
