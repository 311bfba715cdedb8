namespace MlOps.Core.Training;

/// <summary>The hyper-parameters each trainer accepts, with their defaults.</summary>
public static class TrainerParameters
{
    public const string Trees = "trees";
    public const string Leaves = "leaves";
    public const string MinLeaf = "minLeaf";
    public const string LearningRate = "learningRate";
    public const string L2 = "l2";
    public const string Iterations = "iterations";
    public const string Threads = "threads";

    public static IReadOnlyDictionary<string, double> Defaults(TrainerKind trainer) => trainer switch
    {
        TrainerKind.FastTree => new Dictionary<string, double> { [Trees] = 100, [Leaves] = 20, [MinLeaf] = 10, [LearningRate] = 0.2 },
        TrainerKind.LightGbm => new Dictionary<string, double> { [Trees] = 100, [Leaves] = 31, [MinLeaf] = 20, [LearningRate] = 0.1 },
        TrainerKind.Sdca => new Dictionary<string, double> { [L2] = 1e-4, [Iterations] = 20 },
        _ => throw new ArgumentOutOfRangeException(nameof(trainer)),
    };

    /// <summary>The defaults overlaid with <paramref name="given"/>; unknown names or bad values throw.</summary>
    public static IReadOnlyDictionary<string, double> Resolve(TrainerKind trainer, IReadOnlyDictionary<string, double> given)
    {
        var resolved = new Dictionary<string, double>(Defaults(trainer));
        var errors = new List<string>();
        foreach (var (name, value) in given)
        {
            if (name != Threads && !resolved.ContainsKey(name))
            {
                errors.Add($"'{name}' is not a {trainer} parameter (known: {string.Join(", ", resolved.Keys.Append(Threads))})");
            }
            else if (!double.IsFinite(value) || value <= 0)
            {
                errors.Add($"'{name}' must be a positive number, got {value.ToInvariant()}");
            }
            else
            {
                resolved[name] = value;
            }
        }

        return errors.Count == 0 ? resolved : throw new ArgumentException("invalid hyper-parameters: " + string.Join("; ", errors));
    }
}
