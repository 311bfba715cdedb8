using Aspire.Hosting.ApplicationModel;

namespace MlOps.Hosting.PubSub;

/// <summary>Google's Pub/Sub emulator in a container.</summary>
public sealed class PubSubEmulatorResource(string name, string projectId) : ContainerResource(name), IPubSubEmulatorResource
{
    public string ProjectId { get; } = projectId;

    public ReferenceExpression ConnectionStringExpression => PubSubEmulatorConnection.HostAndPort(this);

    public string? ConnectionStringEnvironmentVariable => IPubSubEmulatorResource.EmulatorHostVariable;

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => PubSubEmulatorConnection.Properties(this);
}
