namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.monitoring.v3.TimeInterval.</summary>
public sealed record TimeInterval(DateTimeOffset? StartTime, DateTimeOffset EndTime);
