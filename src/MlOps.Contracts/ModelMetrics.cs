namespace MlOps.Contracts;

/// <summary>
/// Holdout quality of one model; log-loss in nats. <paramref name="Confusion"/> counts the holdout rows at the
/// model's decision threshold (the one accuracy and F1 use); <paramref name="Roc"/> is its ROC curve, at most
/// about 64 points from (0, 0) to (1, 1). Both are absent for models trained before they were reported.
/// </summary>
public sealed record ModelMetrics(
    double Auc,
    double Accuracy,
    double F1,
    double Precision,
    double Recall,
    double LogLoss,
    long HoldoutRows,
    ConfusionMatrix? Confusion = null,
    IReadOnlyList<RocPoint>? Roc = null)
{
    // Value equality over the curve's points too, so a message read back equals the one sent.
    public bool Equals(ModelMetrics? other) =>
        other is not null
        && (Auc, Accuracy, F1, Precision, Recall, LogLoss, HoldoutRows, Confusion) == (other.Auc, other.Accuracy, other.F1, other.Precision, other.Recall, other.LogLoss, other.HoldoutRows, other.Confusion)
        && (Roc is null ? other.Roc is null : other.Roc is not null && Roc.SequenceEqual(other.Roc));

    public override int GetHashCode() => HashCode.Combine(Auc, Accuracy, F1, Precision, Recall, LogLoss, HoldoutRows, Confusion);
}
