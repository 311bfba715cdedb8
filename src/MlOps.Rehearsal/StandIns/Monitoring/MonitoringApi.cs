using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Monitoring;

/// <summary>
/// Cloud Monitoring's ListTimeSeries over what <c>:predict</c> recorded: one DELTA point per second per series, the
/// points whose end time is in <c>(interval.startTime, interval.endTime]</c> (the start defaulting to the end),
/// newest first as Monitoring returns them.
/// </summary>
internal sealed class MonitoringApi(StandInState state)
{
    public const string ResponseCount = "aiplatform.googleapis.com/prediction/online/response_count";
    public const string PredictionLatencies = "aiplatform.googleapis.com/prediction/online/prediction_latencies";
    private const string EndpointResource = "aiplatform.googleapis.com/Endpoint";

    public Task<JsonNode> ListTimeSeriesAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var filter = TimeSeriesFilter.Parse(request.Str("filter")!);
        var (start, end) = Interval(request);
        if (filter.MetricType is not (ResponseCount or PredictionLatencies))
        {
            throw new RpcException(RpcCode.NotFound, $"Cannot find metric(s) that match type = \"{filter.MetricType}\".");
        }

        var headersOnly = request.Str("view") == "HEADERS";
        var series = state.Metrics.Read(seconds => seconds
            .Where(s => s.Key.Second + 1 > start && s.Key.Second + 1 <= end)
            .SelectMany(s => Samples(filter.MetricType, s.Key, s.Value))
            .Where(s => filter.Matches(EndpointResource, Resource(s.Key.EndpointId), s.Labels))
            .GroupBy(s => (s.Key.EndpointId, Labels: string.Join(",", s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"))))
            .Select(group => Series(filter.MetricType, group.First().Key.EndpointId, group.First().Labels, headersOnly ? [] : group.OrderByDescending(s => s.Key.Second).Select(s => s.Point)))
            .ToList());
        return Task.FromResult<JsonNode>(new JsonObject { ["timeSeries"] = new JsonArray([.. series]) });
    }

    private static (long Start, long End) Interval(JsonObject request)
    {
        var violations = new List<FieldViolation>();
        var interval = request.Obj("interval");
        var endText = interval.Str("endTime");
        if (endText is null)
        {
            violations.Add(new FieldViolation("interval.endTime", RequiredFields.NotSet));
        }

        ProtoTime.TryParse(endText ?? "", out var end);
        var start = end;
        if (interval.Str("startTime") is { } startText && ProtoTime.TryParse(startText, out start) && start > end && endText is not null)
        {
            violations.Add(new FieldViolation("interval.startTime", "The start time must not be later than the end time."));
        }

        if (request.Str("orderBy") is not null)
        {
            violations.Add(new FieldViolation("orderBy", "Unsupported: must be left blank."));
        }

        if (request.Str("pageToken") is not null)
        {
            violations.Add(new FieldViolation("pageToken", "The page token is not valid."));
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        // Points end on whole seconds: a point counts when (start, end] holds its end.
        return ((long)Math.Floor(start.ToUnixTimeMilliseconds() / 1000.0), (long)Math.Floor(end.ToUnixTimeMilliseconds() / 1000.0));
    }

    private static IEnumerable<(MetricKey Key, IReadOnlyDictionary<string, string> Labels, JsonObject Point)> Samples(string metricType, MetricKey key, MetricSecond second)
    {
        if (metricType == ResponseCount)
        {
            foreach (var (code, count) in second.Responses)
            {
                var labels = new Dictionary<string, string> { ["deployed_model_id"] = key.DeployedModelId, ["response_code"] = code };
                yield return (key, labels, Point(key, new JsonObject { ["int64Value"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            }

            yield break;
        }

        var latencies = second.Latencies;
        var distribution = new JsonObject
        {
            ["count"] = latencies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mean"] = latencies.Mean,
            ["sumOfSquaredDeviation"] = latencies.SumOfSquaredDeviation,
            ["bucketOptions"] = new JsonObject
            {
                ["exponentialBuckets"] = new JsonObject
                {
                    ["numFiniteBuckets"] = LatencyDistribution.NumFiniteBuckets,
                    ["growthFactor"] = LatencyDistribution.GrowthFactor,
                    ["scale"] = LatencyDistribution.Scale,
                },
            },
            ["bucketCounts"] = new JsonArray([.. latencies.BucketCounts.Select(c => (JsonNode)c.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        };
        var latencyLabels = new Dictionary<string, string> { ["deployed_model_id"] = key.DeployedModelId, ["latency_type"] = "model" };
        yield return (key, latencyLabels, Point(key, new JsonObject { ["distributionValue"] = distribution }));
    }

    private static JsonObject Point(MetricKey key, JsonObject value) => new()
    {
        ["interval"] = new JsonObject
        {
            ["startTime"] = ProtoTime.Format(DateTimeOffset.FromUnixTimeSeconds(key.Second)),
            ["endTime"] = ProtoTime.Format(DateTimeOffset.FromUnixTimeSeconds(key.Second + 1)),
        },
        ["value"] = value,
    };

    private JsonObject Series(string metricType, string endpointId, IReadOnlyDictionary<string, string> labels, IEnumerable<JsonObject> points) => new()
    {
        ["metric"] = new JsonObject { ["type"] = metricType, ["labels"] = labels.ToJson() },
        ["resource"] = new JsonObject { ["type"] = EndpointResource, ["labels"] = Resource(endpointId).ToJson() },
        ["metricKind"] = "DELTA",
        ["valueType"] = metricType == ResponseCount ? "INT64" : "DISTRIBUTION",
        ["points"] = new JsonArray([.. points]),
        ["unit"] = metricType == ResponseCount ? "1" : "ms",
    };

    private Dictionary<string, string> Resource(string endpointId) => new(StringComparer.Ordinal)
    {
        ["resource_container"] = "projects/" + state.Names.Project,
        ["location"] = state.Names.LocationId,
        ["endpoint_id"] = endpointId,
    };
}
