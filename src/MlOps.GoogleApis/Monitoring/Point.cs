namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.monitoring.v3.Point.</summary>
public sealed record Point(TimeInterval Interval, TypedValue Value);
