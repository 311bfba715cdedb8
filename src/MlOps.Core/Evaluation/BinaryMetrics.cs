namespace MlOps.Core.Evaluation;

/// <summary>
/// Binary classification quality on a holdout, at the decision threshold. Log-loss is in nats
/// (natural logarithm), as sklearn reports it. <paramref name="Roc"/> is the ROC curve reduced to a
/// few points (none in packages written before it was kept).
/// </summary>
public sealed record BinaryMetrics(
    double Auc,
    double Accuracy,
    double F1,
    double Precision,
    double Recall,
    double LogLoss,
    ConfusionMatrix Confusion,
    long Count,
    double PositiveRate,
    double Threshold = 0.5,
    IReadOnlyList<RocPoint>? Roc = null)
{
    public string Describe() =>
        $"AUC {Auc:F4}  accuracy {Accuracy:F4}  F1 {F1:F4}  precision {Precision:F4}  recall {Recall:F4}  log-loss {LogLoss:F4}  (n={Count:N0})";

    // Value equality over the curve's points too, so a package read back equals the one written.
    public bool Equals(BinaryMetrics? other) =>
        other is not null
        && (Auc, Accuracy, F1, Precision, Recall, LogLoss, Confusion, Count, PositiveRate, Threshold)
            == (other.Auc, other.Accuracy, other.F1, other.Precision, other.Recall, other.LogLoss, other.Confusion, other.Count, other.PositiveRate, other.Threshold)
        && (Roc is null ? other.Roc is null : other.Roc is not null && Roc.SequenceEqual(other.Roc));

    public override int GetHashCode() => HashCode.Combine(Auc, Accuracy, F1, Confusion, Count, Threshold, Roc?.Count);
}
