namespace MlOps.Registry.Model;

/// <summary>One trained version with its holdout metrics and lineage.</summary>
public sealed class ModelVersion
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public int Version { get; set; }

    /// <summary>The training request this version came from: one version per request.</summary>
    public Guid RequestId { get; set; }

    public required string PackageUri { get; set; }

    public VersionStatus Status { get; set; }

    public double Auc { get; set; }

    public double Accuracy { get; set; }

    public double F1 { get; set; }

    public double Precision { get; set; }

    public double Recall { get; set; }

    public double LogLoss { get; set; }

    public long HoldoutRows { get; set; }

    /// <summary>The holdout's confusion matrix at the decision threshold, as JSON; null for versions trained before it was reported.</summary>
    public string? Confusion { get; set; }

    /// <summary>The holdout ROC curve's points, as JSON; null for versions trained before it was reported.</summary>
    public string? Roc { get; set; }

    public required string DatasetFingerprint { get; set; }

    public required string DatasetFiles { get; set; }

    public long DatasetRows { get; set; }

    public required string CodeVersion { get; set; }

    public required string Trainer { get; set; }

    public int Seed { get; set; }

    /// <summary>The learner's hyper-parameters as JSON (null for versions registered before they were recorded).</summary>
    public string? Parameters { get; set; }

    public required string Reason { get; set; }

    public Guid? DriftAlertId { get; set; }

    public int? ParentVersion { get; set; }

    public DateTime TrainedAt { get; set; }

    public DateTime RegisteredAt { get; set; }

    /// <summary>The Vertex AI model version this one is mirrored as (<c>projects/…/models/m@3</c>), once mirrored.</summary>
    public string? VertexModelVersion { get; set; }

    /// <summary>The Vertex AI model evaluation holding this version's holdout metrics.</summary>
    public string? VertexEvaluation { get; set; }

    public DateTime? VertexMirroredAt { get; set; }
}

public enum VersionStatus
{
    Registered,
    Champion,
    Rejected,
    Retired,
    RolledBack,
}
