using System.Text.Json.Serialization;

namespace MlOps.Contracts;

/// <summary>
/// A schedule's occurrence, as plain JSON on the schedules topic: what a Cloud Scheduler job publishes
/// (<c>{"schedule": "weekly-retrain"}</c>, no time: the Pub/Sub publish time stands for it) and what the
/// DriftWatcher's own timer sends with <paramref name="FiredAt"/> set to the occurrence.
/// </summary>
public sealed record ScheduleFired(
    [property: JsonPropertyName("schedule")] string? Schedule,
    [property: JsonPropertyName("firedAt")] DateTimeOffset? FiredAt = null);
