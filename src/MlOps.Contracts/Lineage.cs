namespace MlOps.Contracts;

/// <summary>Where a model came from: data, code, learner and its hyper-parameters (as resolved, defaults included), and why it was trained.</summary>
public sealed record Lineage(
    string DatasetFingerprint,
    IReadOnlyList<string> DatasetFiles,
    long DatasetRows,
    string CodeVersion,
    string Trainer,
    int Seed,
    string Reason,
    Guid? DriftAlertId,
    int? ParentVersion,
    IReadOnlyDictionary<string, double>? Parameters = null);
