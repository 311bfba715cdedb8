using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOps.AppHost;

/// <summary>The AppHost's building blocks: the Pub/Sub emulator, the shared artifact folder, and what every MlOps service gets.</summary>
internal static class MlOpsExtensions
{
    public const string PubSubModeParameter = "pubsub-mode";
    private const string PubSubEndpoint = "grpc";
    private const string PubSubProject = "mlops-local";
    private const int EmulatorPort = 8085;

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Google's Pub/Sub emulator in a container (<c>Parameters:pubsub-mode</c> = <c>container</c>, the default)
    /// or, on machines without a container runtime, our Go test server (<c>executable</c>).
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddPubSubEmulator(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration[$"Parameters:{PubSubModeParameter}"] ?? "container";
        IResourceBuilder<IResourceWithEndpoints> emulator = mode.ToLowerInvariant() switch
        {
            "container" => builder.AddContainer(name, "google.com/cloudsdktool/google-cloud-cli", "emulators")
                .WithImageRegistry("gcr.io")
                .WithArgs("gcloud", "beta", "emulators", "pubsub", "start", $"--host-port=0.0.0.0:{EmulatorPort}", $"--project={PubSubProject}")
                .WithHttpEndpoint(targetPort: EmulatorPort, name: PubSubEndpoint),
            "executable" => builder.AddPubSubServer(name),
            _ => throw new InvalidOperationException($"Parameters:{PubSubModeParameter} must be container or executable, not '{mode}'"),
        };
        return emulator.WithPubSubHealthCheck();
    }

    /// <summary>One artifact folder for every service and the loop driver, beside <c>mlops loop</c>'s: <c>.mlops/aspire/artifacts</c>.</summary>
    public static string ArtifactFolder(this IDistributedApplicationBuilder builder) =>
        Path.Combine(RepositoryRoot(builder), ".mlops", "aspire", "artifacts");

    /// <summary>What every MlOps service host gets: MassTransit over the emulator, the project id, the artifact folder and the environment name.</summary>
    public static IResourceBuilder<ProjectResource> WithMlOpsService(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithEndpoints> pubsub, string artifacts)
    {
        var emulator = pubsub.GetEndpoint(PubSubEndpoint);
        return service
            .WithEnvironment("MlOps__Transport", "PubSub")
            .WithEnvironment("MlOps__PubSub__ProjectId", PubSubProject)
            .WithEnvironment("MlOps__PubSub__EmulatorHost", ReferenceExpression.Create($"{emulator.Property(EndpointProperty.HostAndPort)}"))
            .WithEnvironment("MlOps__Artifacts__Root", artifacts)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", service.ApplicationBuilder.Environment.EnvironmentName)
            .WaitFor(pubsub);
    }

    // .tools/pubsub-server, built by scripts/build-pubsub-server.sh, takes its address as a flag.
    private static IResourceBuilder<ExecutableResource> AddPubSubServer(this IDistributedApplicationBuilder builder, string name)
    {
        var root = RepositoryRoot(builder);
        var server = Path.Combine(root, ".tools", "pubsub-server");
        if (!File.Exists(server))
        {
            throw new InvalidOperationException($"{server} is missing: build it with scripts/build-pubsub-server.sh, or set {PubSubModeParameter} to container");
        }

        var port = FreeLoopbackPort();
        return builder.AddExecutable(name, server, root, "-host", $"127.0.0.1:{port}")
            .WithHttpEndpoint(targetPort: port, name: PubSubEndpoint);
    }

    // The endpoint's proxy accepts connections before the emulator does, so the check makes a gRPC
    // call: any HTTP/2 answer, even an error status for an empty request, means the emulator takes calls.
    private static IResourceBuilder<IResourceWithEndpoints> WithPubSubHealthCheck(this IResourceBuilder<IResourceWithEndpoints> emulator)
    {
        var key = $"{emulator.Resource.Name}-grpc";
        var endpoint = emulator.GetEndpoint(PubSubEndpoint);
        emulator.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, cancellationToken => CallAsync(endpoint, cancellationToken));
        return emulator.WithHealthCheck(key);
    }

    private static async Task<HealthCheckResult> CallAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("the endpoint is not allocated yet");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint.Url}/google.pubsub.v1.Publisher/ListTopics")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        try
        {
            using var response = await Probe.SendAsync(request, cancellationToken);
            return HealthCheckResult.Healthy($"gRPC answered with HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy("the Pub/Sub emulator does not take calls yet", e);
        }
    }

    private static string RepositoryRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
