using Aspire.Hosting.ApplicationModel;

namespace MlOps.Hosting.PubSub;

/// <summary>
/// A Pub/Sub emulator, as a container or as an executable. Its connection string is the
/// emulator's <c>host:port</c>, handed to references as <c>PUBSUB_EMULATOR_HOST</c>, the variable
/// Google's client libraries read.
/// </summary>
public interface IPubSubEmulatorResource : IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>The name of the gRPC endpoint.</summary>
    public const string EndpointName = "grpc";

    /// <summary>The variable Google's client libraries read to reach an emulator.</summary>
    public const string EmulatorHostVariable = "PUBSUB_EMULATOR_HOST";

    /// <summary>The variable <c>gcloud beta emulators pubsub env-init</c> sets beside it.</summary>
    public const string ProjectIdVariable = "PUBSUB_PROJECT_ID";

    /// <summary>The project id the emulator's topics and subscriptions live in (the emulator accepts any).</summary>
    public string ProjectId { get; }

    public EndpointReference GrpcEndpoint => new(this, EndpointName);
}
