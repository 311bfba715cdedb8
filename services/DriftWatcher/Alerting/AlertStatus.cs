namespace MlOps.DriftWatcher.Alerting;

/// <summary>An alert and where each of its deliveries stands (<c>GET /api/alerts</c>).</summary>
public sealed record AlertStatus(Alert Alert, IReadOnlyList<AlertDelivery> Deliveries);
