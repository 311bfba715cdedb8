namespace MlOps.Core.Evaluation;

/// <summary>
/// Binary classification quality on a holdout, at the decision threshold. Log-loss is in nats
/// (natural logarithm), as sklearn reports it.
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
    double Threshold = 0.5)
{
    public string Describe() =>
        $"AUC {Auc:F4}  accuracy {Accuracy:F4}  F1 {F1:F4}  precision {Precision:F4}  recall {Recall:F4}  log-loss {LogLoss:F4}  (n={Count:N0})";
}
