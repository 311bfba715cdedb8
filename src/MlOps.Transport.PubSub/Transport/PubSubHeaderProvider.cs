using System.Diagnostics.CodeAnalysis;
using Google.Cloud.PubSub.V1;
using MassTransit;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Headers of a received message: its attributes, plus the Pub/Sub message id and publish time as the transport message id and sent time.</summary>
public sealed class PubSubHeaderProvider(PubsubMessage message) : IHeaderProvider
{
    public IEnumerable<KeyValuePair<string, object>> GetAll() =>
        message.Attributes.Select(a => new KeyValuePair<string, object>(a.Key, a.Value));

    public bool TryGetHeader(string key, [NotNullWhen(true)] out object? value)
    {
        if (message.Attributes.TryGetValue(key, out var text))
        {
            value = text;
            return true;
        }
        if (key == MessageHeaders.TransportMessageId && message.MessageId.Length > 0)
        {
            value = message.MessageId;
            return true;
        }
        if (key == MessageHeaders.TransportSentTime && message.PublishTime is { } published)
        {
            value = published.ToDateTime();
            return true;
        }
        value = null;
        return false;
    }
}
