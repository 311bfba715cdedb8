using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.PubSub;

namespace MlOps.Hosting.PubSub;

/// <summary>The Pub/Sub emulator as an Aspire resource: <c>builder.AddGooglePubSubEmulator("pubsub")</c>.</summary>
public static class PubSubEmulatorBuilderExtensions
{
    /// <summary>Google's emulator image, as <c>gcloud beta emulators pubsub start</c> runs it.</summary>
    public const string Image = "google.com/cloudsdktool/google-cloud-cli";

    public const string ImageTag = "emulators";

    public const string ImageRegistry = "gcr.io";

    private const int ContainerPort = 8085;

    /// <summary>
    /// Adds a Pub/Sub emulator: Google's emulator in a container, or (<paramref name="mode"/>
    /// <see cref="PubSubEmulatorMode.Executable"/>) the server program at <paramref name="serverPath"/>,
    /// which must take <c>-host host:port</c>. It reports healthy once it answers gRPC calls, and creates
    /// the topics and subscriptions given with <see cref="WithTopics"/> and <see cref="WithSubscriptions"/>
    /// before anything that waits for it starts.
    /// </summary>
    public static IResourceBuilder<IPubSubEmulatorResource> AddGooglePubSubEmulator(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        PubSubEmulatorMode mode = PubSubEmulatorMode.Container,
        string? serverPath = null,
        string projectId = PubSubClientSettings.DefaultProjectId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        PubSubNames.ValidateProject(projectId);
        IResourceBuilder<IPubSubEmulatorResource> emulator = mode switch
        {
            PubSubEmulatorMode.Container => builder.AddResource(new PubSubEmulatorResource(name, projectId))
                .WithImage(Image, ImageTag)
                .WithImageRegistry(ImageRegistry)
                .WithArgs("gcloud", "beta", "emulators", "pubsub", "start", $"--host-port=0.0.0.0:{ContainerPort}", $"--project={projectId}")
                .WithEndpoint(targetPort: ContainerPort, scheme: "http", name: IPubSubEmulatorResource.EndpointName),
            PubSubEmulatorMode.Executable => AddServer(builder, name, serverPath, projectId),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "the mode is Container or Executable"),
        };

        var healthCheck = $"{name}-grpc";
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthCheck, _ => new PubSubEmulatorHealthCheck(emulator.Resource), failureStatus: null, tags: null));
        return emulator
            .WithHealthCheck(healthCheck)
            .WithAnnotation(new PubSubTopologyAnnotation())
            .OnResourceReady(CreateTopologyAsync);
    }

    /// <summary>Topics to create up front (a publisher that starts before its subscribers loses nothing).</summary>
    public static IResourceBuilder<IPubSubEmulatorResource> WithTopics(this IResourceBuilder<IPubSubEmulatorResource> emulator, IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var annotation = Topology(emulator.Resource);
        foreach (var topic in topics)
        {
            PubSubNames.ValidateTopic(topic);
            annotation.Topics.Add(topic);
        }

        return emulator;
    }

    /// <summary>Subscriptions to create up front, each on its topic with its ack deadline.</summary>
    public static IResourceBuilder<IPubSubEmulatorResource> WithSubscriptions(this IResourceBuilder<IPubSubEmulatorResource> emulator, IEnumerable<PubSubSubscriptionDefinition> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var annotation = Topology(emulator.Resource);
        foreach (var subscription in subscriptions)
        {
            PubSubNames.ValidateSubscription(subscription.Name);
            if (subscription.AckDeadlineSeconds is < PubSubSubscriptions.MinAckDeadlineSeconds or > PubSubSubscriptions.MaxAckDeadlineSeconds)
            {
                throw new ArgumentOutOfRangeException(nameof(subscriptions), subscription.AckDeadlineSeconds, $"subscription '{subscription.Name}': the ack deadline must be {PubSubSubscriptions.MinAckDeadlineSeconds}-{PubSubSubscriptions.MaxAckDeadlineSeconds} s");
            }

            annotation.Subscriptions.Add(subscription);
        }

        return emulator;
    }

    /// <summary>
    /// Gives <paramref name="builder"/> the emulator the way Google's tools do:
    /// <c>PUBSUB_EMULATOR_HOST</c> (the connection string) and <c>PUBSUB_PROJECT_ID</c>, plus the
    /// connection properties <c>{NAME}_HOST</c>, <c>{NAME}_PORT</c> and <c>{NAME}_PROJECTID</c>.
    /// </summary>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<IPubSubEmulatorResource> emulator)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);
        return ResourceBuilderExtensions.WithReference(builder, (IResourceBuilder<IResourceWithConnectionString>)emulator)
            .WithEnvironment(IPubSubEmulatorResource.ProjectIdVariable, emulator.Resource.ProjectId);
    }

    private static IResourceBuilder<IPubSubEmulatorResource> AddServer(IDistributedApplicationBuilder builder, string name, string? serverPath, string projectId)
    {
        if (string.IsNullOrWhiteSpace(serverPath) || !File.Exists(serverPath))
        {
            throw new DistributedApplicationException($"the Pub/Sub server '{serverPath}' does not exist: build it, or run the emulator as a container");
        }

        var server = builder.AddResource(new PubSubServerResource(name, serverPath, Path.GetDirectoryName(Path.GetFullPath(serverPath))!, projectId))
            .WithEndpoint(scheme: "http", name: IPubSubEmulatorResource.EndpointName);
        var endpoint = server.Resource.GetEndpoint(IPubSubEmulatorResource.EndpointName);
        return server.WithArgs("-host", ReferenceExpression.Create($"127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"));
    }

    private static PubSubTopologyAnnotation Topology(IResource resource) =>
        resource.Annotations.OfType<PubSubTopologyAnnotation>().LastOrDefault()
            ?? throw new InvalidOperationException($"'{resource.Name}' is not a Pub/Sub emulator added with AddGooglePubSubEmulator");

    private static async Task CreateTopologyAsync(IPubSubEmulatorResource emulator, ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var topology = Topology(emulator);
        var logger = ready.Services.GetRequiredService<ResourceLoggerService>().GetLogger(emulator);
        await using var client = PubSubEmulatorClient.Create(emulator, attempts: 5);
        foreach (var topic in topology.Topics.Distinct())
        {
            await client.Topics.CreateAsync(topic, cancellationToken);
        }

        foreach (var subscription in topology.Subscriptions)
        {
            await client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(subscription.Name, subscription.Topic) { AckDeadlineSeconds = subscription.AckDeadlineSeconds }, cancellationToken);
        }

        logger.LogInformation("Created {Topics} topics and {Subscriptions} subscriptions in project {Project}", topology.Topics.Distinct().Count(), topology.Subscriptions.Count, emulator.ProjectId);
    }
}
