namespace MlOps.DriftWatcher.Alerting;

internal sealed record PendingDelivery(Alert Alert, AlertDelivery Delivery);
