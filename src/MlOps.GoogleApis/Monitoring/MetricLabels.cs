namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.api.Metric or google.api.MonitoredResource: a type and its labels.</summary>
public sealed record MetricLabels(string Type, IReadOnlyDictionary<string, string>? Labels)
{
    public string? Label(string name) => Labels is not null && Labels.TryGetValue(name, out var value) ? value : null;
}
