namespace MlOps.DriftWatcher.Alerting;

public enum DeliveryState
{
    Pending,
    Delivered,
    DeadLettered,
}
