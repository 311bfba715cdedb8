namespace MlOps.Contracts;

/// <summary>Holdout quality of one model; log-loss in nats.</summary>
public sealed record ModelMetrics(double Auc, double Accuracy, double F1, double Precision, double Recall, double LogLoss, long HoldoutRows);
