using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.StandIns.Tests;

/// <summary>The Cloud Build stand-in the tests start, its triggers, and requests as the Deployer's client sends them.</summary>
internal static class CloudBuild
{
    public const string ProjectNumber = "804219337715";
    public const string Secret = "s3cr3t-webhook";

    public static readonly StandInTrigger Deploy = new("6f1c1b9e-2a43-4c1e-9a57-2f9f0d6a1b10", "mlops-deploy-dev", "env/dev")
    {
        Substitutions = new Dictionary<string, string> { ["_ENVIRONMENT"] = "dev", ["_MODEL"] = "none" },
    };

    public static readonly StandInTrigger Hook = new("0b7d5e3c-1f2a-4d8b-8c6e-5a4b3c2d1e0f", "mlops-webhook-dev", "main", Secret);

    public static string Trigger(string idOrName) => $"{Harness.Parent}/triggers/{idOrName}";

    public static string Run(string idOrName) => $"v1/{Trigger(idOrName)}:run";

    public static string Build(string id) => $"v1/{Harness.Parent}/builds/{id}";

    public static async Task<CloudBuildStandIn> StartAsync(Func<CloudBuildStandInOptions, CloudBuildStandInOptions>? configure = null)
    {
        var options = new CloudBuildStandInOptions
        {
            Project = Harness.Project,
            Location = Harness.Location,
            ProjectNumber = ProjectNumber,
            Principal = token => token == Harness.Token ? Harness.Principal : null,
            Triggers = [Deploy, Hook],
            QueueDelay = TimeSpan.FromMilliseconds(50),
        };
        using var timeout = new CancellationTokenSource(Harness.Patience);
        return await CloudBuildStandIn.StartAsync(configure?.Invoke(options) ?? options, timeout.Token);
    }

    /// <summary>A RunBuildTriggerRequest as the Deployer's client sends it: name, project, trigger and a source with a branch and substitutions.</summary>
    public static JsonObject RunBody(string trigger, JsonObject? substitutions = null) => new()
    {
        ["name"] = Trigger(trigger),
        ["projectId"] = Harness.Project,
        ["triggerId"] = trigger,
        ["source"] = new JsonObject
        {
            ["branchName"] = "env/dev",
            ["substitutions"] = substitutions ?? new JsonObject { ["_MODEL"] = "taxi-tips", ["_MODEL_VERSION"] = "3" },
        },
    };

    /// <summary>Polls the build until it has ended.</summary>
    public static Task<JsonNode> FinishedAsync(GoogleClient client, string id) => Vertex.EventuallyAsync(
        async () => (await client.GetAsync(Build(id))).Ok,
        build => build["status"]!.GetValue<string>() is "SUCCESS" or "FAILURE" or "INTERNAL_ERROR" or "CANCELLED",
        $"the build {id} to end");

    public static string IdOf(JsonNode operation) => operation["metadata"]!["build"]!["id"]!.GetValue<string>();
}
