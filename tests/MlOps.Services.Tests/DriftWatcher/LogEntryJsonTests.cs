using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>Log entries counted straight from their JSON bytes, in whatever shape a sink delivers them.</summary>
public sealed class LogEntryJsonTests
{
    private static async Task<(ModuleHost Host, DriftMonitor Monitor)> Start()
    {
        var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), new Dictionary<string, string?>
        {
            ["DriftWatcher:WindowSize"] = "250",
            ["DriftWatcher:MinimumSamples"] = "100",
        });
        Packages.WriteStable(host.ArtifactRoot);
        return (host, host.Services.GetRequiredService<DriftMonitor>());
    }

    private static byte[] Json(PredictionLogEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, SystemTextJsonMessageSerializer.Options);

    /// <summary>The same entry with every object's keys sorted (as a Struct payload may come), unknown keys among them and the model's name escaped.</summary>
    private static byte[] Reshaped(PredictionLogEntry entry)
    {
        static JsonNode? Sort(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Sort)]),
            _ => node?.DeepClone(),
        };

        var root = (JsonObject)Sort(JsonNode.Parse(Json(entry)))!;
        root["insertId"] = "0000002a";
        root["resource"] = new JsonObject { ["type"] = "cloud_run_revision", ["labels"] = new JsonObject { ["service_name"] = "predictor" } };
        var payload = (JsonObject)root["jsonPayload"]!;
        payload["message"] = "prediction taxi v1";
        ((JsonObject)payload["features"]![0]!)["aaa_extra"] = new JsonArray(1, 2, new JsonObject { ["nested"] = true });
        var text = root.ToJsonString();
        return Encoding.UTF8.GetBytes(text.Replace("\"model\":\"taxi\"", "\"model\":\"\\u0074axi\"", StringComparison.Ordinal));
    }

    private static string Histograms(DriftMonitor monitor) =>
        JsonSerializer.Serialize(monitor.Monitors.OrderBy(m => m.Version).Select(monitor.Histograms).ToList());

    [Fact]
    public async Task Keys_in_any_order_unknown_keys_and_escaped_names_count_as_the_predictors_own_lines()
    {
        var (first, asWritten) = await Start();
        await using var _ = first;
        var (second, reshaped) = await Start();
        await using var __ = second;
        var entries = LogEntries.Stream(600, seed: 11).ToList();

        foreach (var entry in entries)
        {
            asWritten.Observe(Json(entry), out var a);
            reshaped.Observe(Reshaped(entry), out var b);
            Assert.Null(a ?? b);
        }

        Assert.Equal(0, reshaped.MalformedCount);
        Assert.Equal(Histograms(asWritten), Histograms(reshaped));
        Assert.Equal(asWritten.Monitors.Single().Windows.Select(w => w.Samples), reshaped.Monitors.Single().Windows.Select(w => w.Samples));
        Assert.Equal(2, reshaped.Monitors.Single().Windows.Count);
    }

    [Fact]
    public async Task Every_instance_of_an_entry_is_counted_or_none_is()
    {
        var (host, monitor) = await Start();
        await using var _ = host;
        var trips = new TaxiTripGenerator(3).Generate(3).Select(TripFeatures.Of).ToList();
        var one = LogEntries.For(new TaxiTripGenerator(3).Next());
        var three = one with { JsonPayload = one.JsonPayload! with { Features = trips, Predictions = [0.1f, 0.2f, 0.3f] } };
        var broken = three with { JsonPayload = three.JsonPayload! with { Features = [trips[0], trips[1], new Dictionary<string, FeatureValue>(trips[2]) { ["payment_type"] = FeatureValue.Of(4) }] } };
        var notAnObject = JsonNode.Parse(Json(three))!;
        notAnObject["jsonPayload"]!["features"]!.AsArray().Insert(0, 7);

        monitor.Observe(Json(three), out var first);
        monitor.Observe(Json(broken), out var second);
        monitor.Observe(Encoding.UTF8.GetBytes(notAnObject.ToJsonString()), out var unreadable);

        Assert.Null(first ?? second ?? unreadable);
        Assert.Equal(3, monitor.Monitors.Single().Count);
        Assert.Equal(2, monitor.MalformedCount);
        Assert.Contains(monitor.MalformedSamples, m => m.Problem == "feature 'payment_type' has a value of the wrong type" && m.Model == "taxi" && m.Version == 1);
        Assert.Contains(monitor.MalformedSamples, m => m.Problem == "instance 0 is not an object of feature values");
    }

    [Theory]
    [InlineData("not json at all", "unreadable message")]
    [InlineData("[1, 2]", "a log entry is a JSON object")]
    [InlineData("{\"jsonPayload\": {\"model\": \"taxi\", \"version\": \"1\"}}", "jsonPayload.version is not a whole number")]
    [InlineData("{\"jsonPayload\": {\"model\": 3}}", "jsonPayload.model is not a string")]
    [InlineData("{\"jsonPayload\": {\"features\": {\"trip_hour\": 3}}}", "jsonPayload.features is not an array")]
    [InlineData("{\"jsonPayload\": {\"predictions\": [\"high\"]}}", "jsonPayload.predictions holds something other than numbers")]
    [InlineData("{\"timestamp\": \"yesterday\"}", "timestamp is not an RFC 3339 time")]
    [InlineData("{\"jsonPayload\": []}", "jsonPayload is not an object")]
    [InlineData("{} {}", "unreadable message")]
    [InlineData("{\"jsonPayload\": {\"model\": \"taxi\"", "unreadable message")]
    public async Task What_is_not_a_log_entry_is_counted_as_unreadable_with_the_field_at_fault(string json, string problem)
    {
        var (host, monitor) = await Start();
        await using var _ = host;

        var alert = monitor.Observe(Encoding.UTF8.GetBytes(json), out var unreadable);

        Assert.Null(alert);
        Assert.Contains(problem, unreadable, StringComparison.Ordinal);
        Assert.Equal(1, monitor.MalformedCount);
        Assert.Contains(problem, Assert.Single(monitor.MalformedSamples).Problem, StringComparison.Ordinal);
        Assert.Empty(monitor.Monitors);
    }

    [Fact]
    public async Task An_entry_that_is_a_log_entry_but_no_prediction_is_malformed_not_unreadable()
    {
        var (host, monitor) = await Start();
        await using var _ = host;

        monitor.Observe("{\"severity\": \"INFO\", \"jsonPayload\": {\"message\": \"started\"}}"u8, out var unreadable);
        monitor.Observe("{\"jsonPayload\": {\"model\": \"\", \"version\": 1, \"packageUri\": \"packages/taxi/v1\", \"features\": []}}"u8, out var empty);

        Assert.Null(unreadable ?? empty);
        Assert.Equal(2, monitor.MalformedCount);
        Assert.All(monitor.MalformedSamples, m => Assert.StartsWith("not a prediction log entry", m.Problem, StringComparison.Ordinal));
    }
}
