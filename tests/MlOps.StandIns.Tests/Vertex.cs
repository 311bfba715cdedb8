using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

/// <summary>Requests as the platform's clients send them, and waiting on what they start.</summary>
internal static class Vertex
{
    public const string ImageUri = "europe-west4-docker.pkg.dev/acme-mlops-dev/serving/churn:1";

    public static string Model(string id) => $"{Harness.Parent}/models/{id}";

    public static string Endpoint(string id) => $"{Harness.Parent}/endpoints/{id}";

    public static JsonObject ModelBody(string displayName = "churn", JsonObject? labels = null, params string[] aliases) => new()
    {
        ["displayName"] = displayName,
        ["artifactUri"] = "gs://acme-models/churn/1/",
        ["versionAliases"] = new JsonArray([.. aliases.Select(a => (JsonNode)a)]),
        ["labels"] = labels ?? new JsonObject { ["team"] = "growth" },
        ["containerSpec"] = new JsonObject
        {
            ["imageUri"] = ImageUri,
            ["env"] = new JsonArray(new JsonObject { ["name"] = "MODEL_FLAVOUR", ["value"] = "lightgbm" }),
            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
            ["predictRoute"] = "/predict",
            ["healthRoute"] = "/health",
        },
    };

    /// <summary>Uploads a version and waits for the operation; returns its UploadModelResponse.</summary>
    public static async Task<JsonNode> UploadAsync(GoogleClient client, JsonObject request)
    {
        var operation = (await client.PostAsync($"v1/{Harness.Parent}/models:upload", request)).Ok;
        return (await DoneAsync(client, operation))["response"]!;
    }

    public static async Task<string> CreateEndpointAsync(GoogleClient client, string id)
    {
        var operation = (await client.PostAsync($"v1/{Harness.Parent}/endpoints?endpointId={id}", new JsonObject { ["displayName"] = id })).Ok;
        return (await DoneAsync(client, operation))["response"]!["name"]!.GetValue<string>();
    }

    /// <summary>Polls an operation until it is done, as a client does.</summary>
    public static async Task<JsonNode> DoneAsync(GoogleClient client, JsonNode operation)
    {
        var name = operation["name"]!.GetValue<string>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var polled = (await client.GetAsync("v1/" + name)).Ok;
            if (polled["done"]?.GetValue<bool>() == true)
            {
                return polled;
            }

            if (clock.Elapsed > Harness.Patience)
            {
                throw new TimeoutException($"The operation {name} was not done after {Harness.Patience.TotalSeconds} s: {polled.ToJsonString()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the harness's patience.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > Harness.Patience)
            {
                throw new TimeoutException($"Waited {Harness.Patience.TotalSeconds} s for {what}; last saw {value}.");
            }

            await Task.Delay(20);
        }
    }
}
