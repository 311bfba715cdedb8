namespace MlOps.Core.Training;

/// <summary>How to train: the algorithm, its hyper-parameters, the seed and the holdout share.</summary>
public sealed record TrainingOptions
{
    public TrainerKind Trainer { get; init; } = TrainerKind.LightGbm;

    /// <summary>Seeds the holdout split and the learner: the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 42;

    public double HoldoutFraction { get; init; } = 0.2;

    public CategoricalEncoding CategoricalEncoding { get; init; } = CategoricalEncoding.Auto;

    /// <summary>Hyper-parameters by name; see <see cref="TrainerParameters"/> for the names each trainer takes.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
