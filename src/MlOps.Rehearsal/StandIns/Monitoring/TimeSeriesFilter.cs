using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Monitoring;

/// <summary>
/// The part of Monitoring's filter language the stand-in understands: <c>selector = "value"</c> terms joined by
/// <c>AND</c>, the selectors being <c>metric.type</c> (exactly once), <c>resource.type</c>,
/// <c>metric.labels.NAME</c> and <c>resource.labels.NAME</c>.
/// </summary>
internal sealed partial class TimeSeriesFilter
{
    private TimeSeriesFilter(string metricType)
    {
        MetricType = metricType;
    }

    public string MetricType { get; }

    public string? ResourceType { get; private init; }

    public Dictionary<string, string> MetricLabels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ResourceLabels { get; } = new(StringComparer.Ordinal);

    public static TimeSeriesFilter Parse(string filter)
    {
        string? metricType = null;
        string? resourceType = null;
        var metricLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        var resourceLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in And().Split(filter.Trim()))
        {
            var term = Term().Match(text.Trim());
            if (!term.Success)
            {
                throw Unsupported(filter, $"the term \"{text.Trim()}\" is not selector = \"value\"");
            }

            var value = term.Groups["value"].Value;
            switch (term.Groups["selector"].Value)
            {
                case "metric.type" when metricType is not null:
                    throw Unsupported(filter, "it names metric.type twice");
                case "metric.type":
                    metricType = value;
                    break;
                case "resource.type":
                    resourceType = value;
                    break;
                default:
                    (term.Groups["scope"].Value == "metric" ? metricLabels : resourceLabels)[term.Groups["label"].Value] = value;
                    break;
            }
        }

        var parsed = new TimeSeriesFilter(metricType ?? throw Unsupported(filter, "it names no metric.type")) { ResourceType = resourceType };
        foreach (var (name, value) in metricLabels)
        {
            parsed.MetricLabels[name] = value;
        }

        foreach (var (name, value) in resourceLabels)
        {
            parsed.ResourceLabels[name] = value;
        }

        return parsed;
    }

    public bool Matches(string resourceType, IReadOnlyDictionary<string, string> resourceLabels, IReadOnlyDictionary<string, string> metricLabels) =>
        (ResourceType is null || ResourceType == resourceType)
        && ResourceLabels.All(l => resourceLabels.GetValueOrDefault(l.Key) == l.Value)
        && MetricLabels.All(l => metricLabels.GetValueOrDefault(l.Key) == l.Value);

    private static RpcException Unsupported(string filter, string why) =>
        RpcErrors.InvalidArgument("filter", $"The stand-in cannot read the filter \"{filter}\": {why}. It takes metric.type = \"…\" AND resource.labels.NAME = \"…\" AND metric.labels.NAME = \"…\".");

    [GeneratedRegex(@"\s+AND\s+")]
    private static partial Regex And();

    [GeneratedRegex(@"^(?<selector>metric\.type|resource\.type|(?<scope>metric|resource)\.labels?\.(?<label>[A-Za-z0-9_]+))\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)')$")]
    private static partial Regex Term();
}
