using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MlOps.PubSub;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// What Cloud Logging and a log sink do with a Cloud Run instance's stdout: each JSON line becomes a
/// LogEntry (special fields lifted out, the rest as <c>jsonPayload</c>, the revision as its
/// resource), and the entries the sink's filter selects are published, as LogEntry JSON, to its topic.
/// </summary>
public sealed class LogSink(PubSubPublisher publisher, string project, string region, string topic, Func<JsonObject, bool> filter)
{
    private static readonly HashSet<string> SpecialFields =
    [
        "severity", "time", "timestamp", "logging.googleapis.com/labels", "logging.googleapis.com/insertId",
        "logging.googleapis.com/trace", "logging.googleapis.com/spanId", "logging.googleapis.com/trace_sampled",
        "logging.googleapis.com/sourceLocation", "logging.googleapis.com/operation", "httpRequest",
    ];

    private long _routed;
    private long _failed;

    /// <summary>Entries published to the sink's topic.</summary>
    public long Routed => Interlocked.Read(ref _routed);

    /// <summary>Entries the topic did not accept.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>One stdout line of an instance of <paramref name="service"/>; plain text lines become textPayload entries, which the filter does not select.</summary>
    public void Write(string service, string revision, string instanceId, string line)
    {
        if (Entry(service, revision, instanceId, line, DateTimeOffset.UtcNow) is { } entry && filter(entry))
        {
            Publish(entry);
        }
    }

    private void Publish(JsonObject entry)
    {
        var message = new PubsubMessage { Data = ByteString.CopyFromUtf8(entry.ToJsonString()) };
        _ = publisher.PublishOneAsync(topic, message).ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    Interlocked.Increment(ref _routed);
                }
                else
                {
                    Interlocked.Increment(ref _failed);
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>One output line of a Vertex AI deployed model's serving container (container logging on, as the Deployer deploys).</summary>
    public void WriteVertex(string endpointId, string deployedModelId, string line)
    {
        if (Entry(new JsonObject
        {
            ["type"] = "aiplatform.googleapis.com/Endpoint",
            ["labels"] = new JsonObject { ["resource_container"] = project, ["location"] = region, ["endpoint_id"] = endpointId },
        }, $"projects/{project}/logs/aiplatform.googleapis.com%2Fprediction_container", deployedModelId, line, DateTimeOffset.UtcNow) is { } entry && filter(entry))
        {
            Publish(entry);
        }
    }

    /// <summary>The LogEntry Cloud Logging makes of a stdout line (JSON with the documented special fields), or null for an empty line.</summary>
    public JsonObject? Entry(string service, string revision, string instanceId, string line, DateTimeOffset received) =>
        Entry(new JsonObject
        {
            ["type"] = "cloud_run_revision",
            ["labels"] = new JsonObject
            {
                ["project_id"] = project,
                ["service_name"] = service,
                ["revision_name"] = revision,
                ["configuration_name"] = service,
                ["location"] = region,
            },
        }, $"projects/{project}/logs/run.googleapis.com%2Fstdout", instanceId, line, received);

    private JsonObject? Entry(JsonObject resource, string logName, string instanceId, string line, DateTimeOffset received)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        JsonObject? structured = null;
        try
        {
            structured = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
        }

        var entry = new JsonObject
        {
            ["insertId"] = Guid.NewGuid().ToString("N")[..16],
            ["logName"] = logName,
            ["resource"] = resource,
            ["receiveTimestamp"] = Nanoseconds(received),
        };
        if (structured is null)
        {
            entry["timestamp"] = Nanoseconds(received);
            entry["severity"] = "DEFAULT";
            entry["labels"] = new JsonObject { ["instanceId"] = instanceId };
            entry["textPayload"] = line;
            return entry;
        }

        var time = structured["time"] ?? structured["timestamp"];
        entry["timestamp"] = time is JsonValue v && v.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? Nanoseconds(at)
            : Nanoseconds(received);
        entry["severity"] = structured["severity"]?.GetValue<string>().ToUpperInvariant() ?? "DEFAULT";
        var labels = structured["logging.googleapis.com/labels"] is JsonObject given ? (JsonObject)given.DeepClone() : [];
        labels["instanceId"] = instanceId;
        entry["labels"] = labels;
        if (structured["logging.googleapis.com/trace"] is { } trace)
        {
            entry["trace"] = trace.DeepClone();
        }

        if (structured["logging.googleapis.com/spanId"] is { } span)
        {
            entry["spanId"] = span.DeepClone();
        }

        var payload = new JsonObject();
        foreach (var (key, value) in structured)
        {
            if (!SpecialFields.Contains(key))
            {
                payload[key] = value?.DeepClone();
            }
        }

        entry["jsonPayload"] = payload;
        return entry;
    }

    // LogEntry timestamps are RFC 3339 with nanoseconds.
    private static string Nanoseconds(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
}
