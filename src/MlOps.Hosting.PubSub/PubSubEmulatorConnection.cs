using Aspire.Hosting.ApplicationModel;

namespace MlOps.Hosting.PubSub;

/// <summary>What both kinds of emulator resource hand out.</summary>
internal static class PubSubEmulatorConnection
{
    public static ReferenceExpression HostAndPort(IPubSubEmulatorResource resource) =>
        ReferenceExpression.Create($"{resource.GrpcEndpoint.Property(EndpointProperty.HostAndPort)}");

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> Properties(IPubSubEmulatorResource resource) =>
    [
        new("Host", ReferenceExpression.Create($"{resource.GrpcEndpoint.Property(EndpointProperty.Host)}")),
        new("Port", ReferenceExpression.Create($"{resource.GrpcEndpoint.Property(EndpointProperty.Port)}")),
        new("ProjectId", ReferenceExpression.Create($"{resource.ProjectId}")),
    ];
}
