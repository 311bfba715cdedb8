namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.monitoring.v3.ListTimeSeriesResponse.</summary>
public sealed record ListTimeSeriesResponse(IReadOnlyList<TimeSeries>? TimeSeries, string? NextPageToken);
