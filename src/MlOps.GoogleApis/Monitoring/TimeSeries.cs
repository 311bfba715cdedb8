namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.monitoring.v3.TimeSeries: one metric's points for one combination of labels.</summary>
public sealed record TimeSeries(MetricLabels Metric, MetricLabels Resource, string? MetricKind, string? ValueType, IReadOnlyList<Point>? Points);
