using MassTransit;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Topology;

public sealed class PubSubConsumeTopology() : ConsumeTopology(PubSubNames.MaxLength)
{
    /// <summary>A valid Pub/Sub name (MassTransit's default may start with a digit, from the host name).</summary>
    public override string CreateTemporaryQueueName(string tag) => TemporaryName(tag);

    public static string TemporaryName(string tag)
    {
        var host = new string(Environment.MachineName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        return $"{tag}-{host}-{NewId.Next().ToString("N")}";
    }
}
