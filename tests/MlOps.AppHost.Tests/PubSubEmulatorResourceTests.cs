using MlOps.Hosting.PubSub;

namespace MlOps.AppHost.Tests;

/// <summary>The Pub/Sub emulator hosting integration's app model, checked without starting it.</summary>
public sealed class PubSubEmulatorResourceTests
{
    [Fact]
    public void The_container_runs_Googles_emulator_image_on_its_gRPC_port()
    {
        var builder = DistributedApplication.CreateBuilder();

        var pubsub = builder.AddGooglePubSubEmulator("pubsub", projectId: "demo-project");

        var container = Assert.IsType<PubSubEmulatorResource>(pubsub.Resource);
        var image = container.Annotations.OfType<ContainerImageAnnotation>().Single();
        var endpoint = container.Annotations.OfType<EndpointAnnotation>().Single();
        var args = container.Annotations.OfType<CommandLineArgsCallbackAnnotation>().ToList();
        Assert.Equal(("gcr.io", "google.com/cloudsdktool/google-cloud-cli", "emulators"), (image.Registry, image.Image, image.Tag));
        Assert.Equal((IPubSubEmulatorResource.EndpointName, 8085), (endpoint.Name, endpoint.TargetPort));
        Assert.NotEmpty(args);
        Assert.Contains(container.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "pubsub-grpc");
    }

    [Fact]
    public async Task The_container_is_started_with_the_project_and_the_host_port()
    {
        var builder = DistributedApplication.CreateBuilder();
        var pubsub = builder.AddGooglePubSubEmulator("pubsub", projectId: "demo-project");

        var args = await ArgumentsAsync(pubsub.Resource);

        Assert.Equal(["gcloud", "beta", "emulators", "pubsub", "start", "--host-port=0.0.0.0:8085", "--project=demo-project"], args);
    }

    [Fact]
    public async Task A_reference_hands_out_the_emulator_host_and_project_the_way_Googles_tools_do()
    {
        var builder = DistributedApplication.CreateBuilder();
        var pubsub = builder.AddGooglePubSubEmulator("pubsub", projectId: "demo-project");
        var service = builder.AddExecutable("service", "true", ".").WithReference(pubsub);
        var endpoint = pubsub.Resource.Annotations.OfType<EndpointAnnotation>().Single();
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", 41234);

        var environment = (await ResolveAsync(service.Resource)).EnvironmentVariables.ToDictionary();

        Assert.Equal("localhost:41234", environment["PUBSUB_EMULATOR_HOST"]);
        Assert.Equal("demo-project", environment["PUBSUB_PROJECT_ID"]);
        Assert.Equal(("localhost", "41234", "demo-project"), (environment["PUBSUB_HOST"], environment["PUBSUB_PORT"], environment["PUBSUB_PROJECTID"]));
    }

    [Fact]
    public async Task The_executable_takes_its_address_as_a_flag_on_a_port_the_orchestrator_allocates()
    {
        using var folder = new MlOps.Testing.TempDirectory("mlops-hosting");
        var server = folder.File("pubsub-server");
        File.WriteAllText(server, "");
        var builder = DistributedApplication.CreateBuilder();
        var pubsub = builder.AddGooglePubSubEmulator("pubsub", PubSubEmulatorMode.Executable, server);
        var endpoint = pubsub.Resource.Annotations.OfType<EndpointAnnotation>().Single();
        endpoint.TargetPort = 39999;
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", 41234);

        var executable = Assert.IsType<PubSubServerResource>(pubsub.Resource);
        var args = await ArgumentsAsync(executable);

        Assert.Equal(server, executable.Command);
        Assert.Equal(["-host", "127.0.0.1:39999"], args);
    }

    [Fact]
    public void A_missing_server_program_is_refused_with_its_path()
    {
        var builder = DistributedApplication.CreateBuilder();

        var e = Assert.Throws<DistributedApplicationException>(() => builder.AddGooglePubSubEmulator("pubsub", PubSubEmulatorMode.Executable, "/nowhere/pubsub-server"));

        Assert.Contains("/nowhere/pubsub-server", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("goog-topic", 30)]
    [InlineData("ok-name", 5)]
    [InlineData("ok-name", 601)]
    public void Topics_and_subscriptions_that_Pub_Sub_would_refuse_are_refused_up_front(string name, int ackDeadline)
    {
        var pubsub = DistributedApplication.CreateBuilder().AddGooglePubSubEmulator("pubsub");

        Assert.ThrowsAny<ArgumentException>(() => pubsub.WithTopics([name]).WithSubscriptions([new PubSubSubscriptionDefinition(name, "topic", ackDeadline)]));
    }

    private static async Task<IExecutionConfigurationResult> ResolveAsync(IResource resource) =>
        await ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig().WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

    private static async Task<string[]> ArgumentsAsync(IResource resource) =>
        [.. (await ResolveAsync(resource)).Arguments.Select(a => a.Value)];
}
