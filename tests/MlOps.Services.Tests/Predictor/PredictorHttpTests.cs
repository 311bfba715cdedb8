using System.Net;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Predictor;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Predictor;

public sealed class PredictorHttpTests
{
    private static Task<WebModuleHost> Start(IDictionary<string, string?>? settings = null, string? root = null) =>
        WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), settings, root);

    private static async Task<WebModuleHost> StartServing(IDictionary<string, string?>? settings = null)
    {
        var host = await Start(settings);
        Assert.Empty(await host.ServeAsync("taxi", (1, Packages.WriteStable(host.ArtifactRoot), 100)));
        return host;
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Object_and_positional_instances_are_answered_with_probability_label_and_version()
    {
        await using var host = await StartServing();

        var response = await host.Http.Predict("""{"instances":[[7,11,4,6,44,2.1,"credit_card","SoHo","JFK Airport"],{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.1,"payment_type":"credit_card","pickup_zone":"SoHo","dropoff_zone":"JFK Airport"}],"parameters":{}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(2, predictions.Count);
        Assert.Equal(predictions[0].GetProperty("probability").GetDouble(), predictions[1].GetProperty("probability").GetDouble());
        Assert.InRange(predictions[0].GetProperty("probability").GetDouble(), 0, 1);
        Assert.Contains(predictions[0].GetProperty("label").GetString(), new[] { "0", "1" });
        Assert.Equal("1", body.GetProperty("modelVersionId").GetString());
        Assert.Equal("taxi", body.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("{\"instances\":[", 400, "body", "malformed JSON")]
    [InlineData("hello", 400, "body", "malformed JSON")]
    [InlineData("", 400, "body", "malformed JSON")]
    [InlineData("[1,2,3]", 400, "body", "must be a JSON object")]
    [InlineData("{\"rows\":[]}", 400, "instances", "no \\\"instances\\\" array")]
    [InlineData("{\"instances\":[]}", 400, "instances", "the array is empty")]
    [InlineData("{\"instances\":[[7,11,4,6,44,2.1,\"credit_card\",\"SoHo\"]]}", 400, "instance", "expected 9 values in schema order")]
    [InlineData("{\"instances\":[[7,11,4,6,44,\"far\",\"credit_card\",\"SoHo\",\"SoHo\"]]}", 400, "trip_distance", "expected a number, got the string")]
    [InlineData("{\"instances\":[[7,11,4,6,44,2.1,5,\"SoHo\",\"SoHo\"]]}", 400, "payment_type", "'5' is not one of the allowed values")]
    [InlineData("{\"instances\":[{\"trip_month\":7}]}", 400, "trip_distance", "missing feature")]
    [InlineData("{\"instances\":[{\"trip_month\":7,\"trip_day\":11,\"trip_day_of_week\":4,\"trip_hour\":6,\"trip_duration\":44,\"trip_distance\":2.1,\"payment_type\":\"cash\",\"pickup_zone\":\"SoHo\",\"dropoff_zone\":\"SoHo\",\"tip\":1}]}", 400, "tip", "unknown feature")]
    [InlineData("{\"instances\":[[13,11,4,6,44,2.1,\"cash\",\"SoHo\",\"SoHo\"]]}", 400, "trip_month", "outside the allowed range [1, 12]")]
    public async Task A_bad_request_gets_a_4xx_naming_the_field_never_a_5xx(string body, int status, string field, string message)
    {
        await using var host = await StartServing();

        var response = await host.Http.Predict(body);

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await Body(response)).GetProperty("error");
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        var details = error.TryGetProperty("details", out var d) ? d.EnumerateArray().ToList() : [];
        Assert.Contains(details, e => e.GetProperty("field").GetString() == field && e.GetProperty("message").GetString()!.Contains(message.Replace("\\\"", "\""), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Body_and_instance_limits_come_from_configuration()
    {
        await using var host = await StartServing(new Dictionary<string, string?> { ["Predictor:MaxBodyBytes"] = "2000", ["Predictor:MaxInstances"] = "2" });
        var three = "{\"instances\":[" + string.Join(",", Enumerable.Repeat("[7,11,4,6,44,2.1,\"cash\",\"SoHo\",\"SoHo\"]", 3)) + "]}";
        var oversize = "{\"instances\":[" + string.Join(",", Enumerable.Repeat("[7,11,4,6,44,2.1,\"cash\",\"SoHo\",\"SoHo\"]", 60)) + "]}";

        var tooMany = await host.Http.Predict(three);
        var tooLarge = await host.Http.Predict(oversize);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("more than 2 instances", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("larger than the limit of 2000 bytes", await tooLarge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_reports_ready_only_once_the_replica_knows_what_to_serve()
    {
        await using var host = await Start();

        var before = await host.Http.GetAsync("/health");
        await host.ServeNothingAsync();
        var nothing = await host.Http.GetAsync("/health");
        var predictNothing = await host.Http.Predict(Requests.Valid);
        await host.ServeAsync("taxi", (1, Packages.WriteStable(host.ArtifactRoot), 100));
        var after = await host.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, predictNothing.StatusCode);
        Assert.Contains("no model is deployed yet", await predictNothing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.Predict(Requests.Valid, "other")).StatusCode);
    }

    [Fact]
    public async Task A_package_that_cannot_be_loaded_or_verified_is_refused_and_takes_no_traffic()
    {
        await using var host = await StartServing();
        var broken = Packages.WriteSurge(host.ArtifactRoot, "broken");
        File.WriteAllText(Path.Combine(host.ArtifactRoot, broken, "model.zip"), "corrupt");

        var refused = await host.ServeAsync("taxi", (1, "packages/taxi/v1", 50), (2, broken, 50));
        var missing = await host.ServeAsync("taxi", (3, "packages/taxi/nowhere", 100));
        var badSplit = await host.ServeAsync("taxi", (1, "packages/taxi/v1", 60));

        Assert.Contains("v2 could not be loaded", Assert.Single(refused).Reason);
        Assert.Equal(3, Assert.Single(missing).Version);
        Assert.Contains("percents must sum to 100", Assert.Single(badSplit).Reason);
        var endpoint = await Body(await host.Http.GetAsync("/admin/endpoints/taxi"));
        Assert.Equal(1, endpoint.GetProperty("versions").GetArrayLength());
        Assert.Equal(1, endpoint.GetProperty("versions")[0].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_hot_swap_under_concurrent_load_fails_no_request()
    {
        await using var host = await StartServing();
        var v2 = Packages.WriteSurge(host.ArtifactRoot);
        using var stop = new CancellationTokenSource();
        var versions = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var trips = new MlOps.Core.Synthetic.TaxiTripGenerator(3).Generate(2000).ToArray();

        var clients = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i += 8)
            {
                var response = await host.Http.Predict(Requests.Positional(trips[i % trips.Length]));
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}: {text}");
                    continue;
                }

                versions.AddOrUpdate(JsonDocument.Parse(text).RootElement.GetProperty("modelVersionId").GetString()!, 1, (_, n) => n + 1);
            }
        })).ToList();

        for (var swap = 0; swap < 10; swap++)
        {
            await Task.Delay(150);
            var refused = swap % 2 == 0
                ? await host.ServeAsync("taxi", (2, v2, 100))
                : await host.ServeAsync("taxi", (1, "packages/taxi/v1", 50), (2, v2, 50));
            Assert.Empty(refused);
        }

        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(versions.GetValueOrDefault("1") > 0 && versions.GetValueOrDefault("2") > 0, string.Join(", ", versions));
        Assert.True(versions.Values.Sum() > 500, $"only {versions.Values.Sum()} requests were served");
    }

    [Fact]
    public async Task Each_request_leaves_one_log_entry_in_the_log_entry_shape_and_sampling_is_honoured()
    {
        await using var host = await StartServing();
        await using var unsampled = await StartServing(new Dictionary<string, string?> { ["Predictor:LogSampling"] = "0" });

        for (var i = 0; i < 5; i++)
        {
            (await host.Http.Predict(Requests.Valid)).EnsureSuccessStatusCode();
            (await unsampled.Http.Predict(Requests.Valid)).EnsureSuccessStatusCode();
        }

        await Wait.Until(() => host.Harness.Sent.Select<PredictionLogEntry>().Count() == 5, "five prediction log entries");
        var entry = host.Harness.Sent.Select<PredictionLogEntry>().First().Context.Message;
        Assert.Equal("INFO", entry.Severity);
        Assert.Equal("prediction", entry.Labels![PredictionLogEntry.KindLabel]);
        Assert.Equal(("taxi", 1, "packages/taxi/v1"), (entry.JsonPayload!.Model, entry.JsonPayload.Version!.Value, entry.JsonPayload.PackageUri));
        Assert.Equal(2.1, entry.JsonPayload.Features!.Single()["trip_distance"].Number!.Value, 5);
        Assert.Equal("JFK Airport", entry.JsonPayload.Features!.Single()["dropoff_zone"].Text);
        Assert.Single(entry.JsonPayload.Predictions!);
        Assert.True(entry.JsonPayload.LatencyMs > 0);
        await Task.Delay(300);
        Assert.Empty(unsampled.Harness.Sent.Select<PredictionLogEntry>());
    }

    [Fact]
    public async Task A_model_that_fails_on_a_request_is_counted_and_the_request_falls_back_to_the_other_version()
    {
        await using var host = await Start();
        var v1 = Packages.WriteStable(host.ArtifactRoot);
        var fragile = FragileModel.Write(host.ArtifactRoot, "fragile");
        Assert.Empty(await host.ServeAsync("taxi", (1, v1, 50), (2, fragile, 50)));
        var trips = new MlOps.Core.Synthetic.TaxiTripGenerator(9).Generate(60).ToArray();

        var responses = await Task.WhenAll(trips.Select(t => host.Http.Predict(Requests.Positional(t, missingDistance: true))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var versions = (await Body(await host.Http.GetAsync("/admin/endpoints/taxi"))).GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32());
        Assert.True(versions[2].GetProperty("errors").GetInt64() > 5);
        Assert.Equal(0, versions[2].GetProperty("requests").GetInt64());
        Assert.Equal(60, versions[1].GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task With_an_admin_token_the_admin_api_refuses_requests_without_it()
    {
        await using var host = await StartServing(new Dictionary<string, string?> { ["Predictor:AdminToken"] = "s3cret" });

        var anonymous = await host.Http.GetAsync("/admin/endpoints/taxi");
        var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/admin/prediction-log") { Headers = { { "Authorization", "Bearer nope" } } };
        host.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret");
        var authorised = await host.Http.GetAsync("/admin/endpoints/taxi");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = new Uri(host.BaseUrl) }.SendAsync(wrongToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Predict(Requests.Valid)).StatusCode);
    }
}
