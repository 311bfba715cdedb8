namespace MlOps.PubSub.Tests.Conformance.Messages;

/// <summary>Shaped like the prediction log entries a Cloud Logging sink forwards as plain JSON.</summary>
public sealed record LogEntry(string ModelVersion, double Score, DateTimeOffset Timestamp);
