using System.Net.Http.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.GitOps.Model;
using MlOps.Hosting.PubSub;

namespace MlOps.AppHost;

/// <summary>The AppHost's building blocks: the emulator's mode and topology, the shared artifact folder, and what every MlOps service gets.</summary>
internal static class MlOpsExtensions
{
    public const string PubSubModeParameter = "pubsub-mode";

    /// <summary><c>Parameters:pubsub-mode</c>: <c>container</c> (Google's emulator, the default) or <c>executable</c> (our Go server).</summary>
    public static PubSubEmulatorMode PubSubMode(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration[$"Parameters:{PubSubModeParameter}"] ?? "container";
        return Enum.TryParse<PubSubEmulatorMode>(mode, ignoreCase: true, out var parsed)
            ? parsed
            : throw new DistributedApplicationException($"Parameters:{PubSubModeParameter} must be container or executable, not '{mode}'");
    }

    /// <summary><c>.tools/pubsub-server</c>, built by <c>scripts/build-pubsub-server.sh</c>.</summary>
    public static string PubSubServerPath(this IDistributedApplicationBuilder builder) =>
        Path.Combine(RepositoryRoot(builder), ".tools", "pubsub-server");

    /// <summary>Every topic and endpoint subscription the services use, as the environments create them on Google Cloud.</summary>
    public static IResourceBuilder<IPubSubEmulatorResource> WithMlOpsTopology(this IResourceBuilder<IPubSubEmulatorResource> pubsub) => pubsub
        .WithTopics([.. MessagingNames.MessageTopics, .. MessagingNames.Endpoints, MessagingNames.PredictionLogs])
        .WithSubscriptions([.. MessagingNames.Endpoints.Select(e => new PubSubSubscriptionDefinition(e, e)), new PubSubSubscriptionDefinition(MessagingNames.PredictionLogs, MessagingNames.PredictionLogs)]);

    public const string ArtifactFolderKey = "ArtifactFolder";

    /// <summary>
    /// One artifact folder for every service and the loop driver: <c>ArtifactFolder</c> from configuration,
    /// else <c>.mlops/aspire/artifacts</c> beside <c>mlops loop</c>'s. Delete it to start from scratch.
    /// </summary>
    public static string ArtifactFolder(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[ArtifactFolderKey] is { Length: > 0 } configured ? configured : Path.Combine(RepositoryRoot(builder), ".mlops", "aspire", "artifacts"));

    /// <summary>What every MlOps service host gets: MassTransit over the emulator, the artifact folder and the AppHost's environment name.</summary>
    public static IResourceBuilder<ProjectResource> WithMlOpsService(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IPubSubEmulatorResource> pubsub, string artifacts) => service
        .WithReference(pubsub).WaitFor(pubsub)
        .WithEnvironment("MlOps__Transport", "PubSub")
        .WithEnvironment("MlOps__Artifacts__Root", artifacts)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", service.ApplicationBuilder.Environment.EnvironmentName);

    /// <summary><i>Retrain now</i>: asks the Trainer's API for a new version on the newest snapshots.</summary>
    public static IResourceBuilder<ProjectResource> WithRetrainCommand(this IResourceBuilder<ProjectResource> trainer, string model) =>
        trainer.WithHttpCommand("/api/training", "Retrain now", commandName: "retrain", commandOptions: new HttpCommandOptions
        {
            Description = $"Train a new version of {model} on the newest snapshots; the gate decides whether it serves",
            IconName = "ArrowSync",
            IsHighlighted = true,
            PrepareRequest = context => Json(context, new TrainingRequest(model, TrainingReasons.Manual)),
        });

    /// <summary><i>Roll back</i>: asks the Deployer to give all traffic back to the version the newest one replaced.</summary>
    public static IResourceBuilder<ProjectResource> WithRollbackCommand(this IResourceBuilder<ProjectResource> deployer, string model) =>
        deployer.WithHttpCommand($"/api/deployments/{model}/rollback", "Roll back", commandName: "rollback", commandOptions: new HttpCommandOptions
        {
            Description = $"Take the newest version of {model} out of traffic; the version it replaced serves again",
            ConfirmationMessage = $"Roll {model} back to the version before the newest one?",
            IconName = "ArrowUndo",
            PrepareRequest = context => Json(context, new RollbackRequest("rolled back from the Aspire dashboard")),
        });

    /// <summary><i>Inject drift</i> commands on the traffic resource, one per scenario, and one to go back to stable traffic.</summary>
    public static IResourceBuilder<ProjectResource> WithDriftCommands(this IResourceBuilder<ProjectResource> traffic)
    {
        foreach (var (scenario, what) in new[]
        {
            ("airport-surge", "many more long airport trips"),
            ("payment-shift", "far more cash payments, which no new model predicts better"),
            ("tipping-change", "riders tip differently: the inputs stay, the labels change"),
        })
        {
            traffic.WithHttpCommand($"/scenario/{scenario}", $"Inject drift: {scenario}", commandName: $"drift-{scenario}", commandOptions: new HttpCommandOptions
            {
                Description = $"Shift the traffic and land labelled snapshots: {what}",
                IconName = "DataTrending",
            });
        }

        return traffic.WithHttpCommand("/scenario/none", "Stable traffic", commandName: "drift-none", commandOptions: new HttpCommandOptions
        {
            Description = "Back to the regime the first version was trained on",
            IconName = "DataLine",
        });
    }

    private static Task Json(HttpCommandRequestContext context, object body)
    {
        context.Request.Content = JsonContent.Create(body, options: ApiJson.Options);
        return Task.CompletedTask;
    }

    private static string RepositoryRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
}
