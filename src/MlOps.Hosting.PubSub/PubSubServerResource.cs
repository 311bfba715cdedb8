using Aspire.Hosting.ApplicationModel;

namespace MlOps.Hosting.PubSub;

/// <summary>A Pub/Sub server that runs as a program on this machine, for machines without a container runtime.</summary>
public sealed class PubSubServerResource(string name, string command, string workingDirectory, string projectId)
    : ExecutableResource(name, command, workingDirectory), IPubSubEmulatorResource
{
    public string ProjectId { get; } = projectId;

    public ReferenceExpression ConnectionStringExpression => PubSubEmulatorConnection.HostAndPort(this);

    public string? ConnectionStringEnvironmentVariable => IPubSubEmulatorResource.EmulatorHostVariable;

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => PubSubEmulatorConnection.Properties(this);
}
