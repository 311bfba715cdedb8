namespace MlOps.Core.Packaging;

/// <summary>How a package was made: data, learner, seed, code and timings.</summary>
public sealed record PackageMetadata(
    int FormatVersion,
    string? ModelName,
    DateTimeOffset CreatedAt,
    string Trainer,
    IReadOnlyDictionary<string, double> Parameters,
    int Seed,
    double HoldoutFraction,
    DatasetSummary Dataset,
    string CodeVersion,
    string MlNetVersion,
    TrainingTimings Timings,
    string? CategoricalEncoding = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, float>>? CategoryCodes = null);

public sealed record DatasetSummary(string Fingerprint, IReadOnlyList<string> Files, long Rows, long TrainRows, long HoldoutRows, double PositiveRate, string? NegativeClass = null);

public sealed record TrainingTimings(double LoadMs, double TrainMs, double EvaluateMs, double BaselineMs, double TotalMs);
