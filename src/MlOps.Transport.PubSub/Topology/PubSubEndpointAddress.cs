using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Topology;

/// <summary>Endpoint addresses: <c>pubsub://{project}/{name}</c> for a receive endpoint (topic and
/// subscription <c>name</c>) and <c>pubsub://{project}/{name}?type=topic</c> for a topic alone.
/// Short forms <c>queue:name</c> and <c>topic:name</c> resolve against the host's project.</summary>
public readonly record struct PubSubEndpointAddress(string ProjectId, string Name, bool TopicOnly)
{
    public const string Scheme = "pubsub";

    public static Uri HostAddress(string projectId) => new($"{Scheme}://{PubSubNames.ValidateProject(projectId)}/");

    public static PubSubEndpointAddress Parse(Uri hostAddress, Uri address)
    {
        switch (address.Scheme)
        {
            case Scheme:
                var name = address.AbsolutePath.Trim('/');
                var topicOnly = address.Query.Contains("type=topic", StringComparison.OrdinalIgnoreCase);
                return new PubSubEndpointAddress(address.Host, PubSubNames.Validate(topicOnly ? "topic" : "endpoint", Uri.UnescapeDataString(name)), topicOnly);
            case "queue":
                return new PubSubEndpointAddress(hostAddress.Host, PubSubNames.Validate("endpoint", address.AbsolutePath), false);
            case "topic":
            case "exchange":
                return new PubSubEndpointAddress(hostAddress.Host, PubSubNames.ValidateTopic(address.AbsolutePath), true);
            default:
                throw new ArgumentException($"'{address}' is not a Pub/Sub address; use pubsub://{{project}}/{{name}}, queue:{{name}} or topic:{{name}}.", nameof(address));
        }
    }

    public Uri ToUri() => new($"{Scheme}://{ProjectId}/{Name}{(TopicOnly ? "?type=topic" : "")}");

    public static implicit operator Uri(PubSubEndpointAddress address) => address.ToUri();
}
