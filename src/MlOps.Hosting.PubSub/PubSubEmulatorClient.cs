using Aspire.Hosting.ApplicationModel;
using MlOps.PubSub;

namespace MlOps.Hosting.PubSub;

internal static class PubSubEmulatorClient
{
    /// <summary>A client for the emulator's allocated endpoint, never for Google Cloud.</summary>
    public static PubSubClient Create(IPubSubEmulatorResource emulator, int attempts) => PubSubClient.Create(new PubSubClientSettings
    {
        ProjectId = emulator.ProjectId,
        EmulatorHost = $"{emulator.GrpcEndpoint.Host}:{emulator.GrpcEndpoint.Port}",
        ReadEmulatorVariable = false,
        Retry = new PubSubRetrySettings { MaxAttempts = attempts, AttemptTimeout = TimeSpan.FromSeconds(10) },
    });
}
