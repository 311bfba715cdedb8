using MassTransit;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Configuration;

/// <summary>One receive endpoint's settings; unset values follow the host settings, read when the endpoint starts.</summary>
public sealed class PubSubReceiveSettings(string endpointName, PubSubHostSettings host)
{
    private TimeSpan? _ackDeadline;
    private TimeSpan? _maxLeaseDuration;
    private string? _subscriptionName;

    public string EndpointName { get; } = endpointName;

    public string SubscriptionName
    {
        get => _subscriptionName ?? EndpointName;
        set => _subscriptionName = value;
    }

    public TimeSpan AckDeadline
    {
        get => _ackDeadline ?? host.AckDeadline;
        set => _ackDeadline = value;
    }

    public TimeSpan MaxLeaseDuration
    {
        get => _maxLeaseDuration ?? host.MaxLeaseDuration;
        set => _maxLeaseDuration = value;
    }

    public bool CreateEntities { get; set; } = true;

    /// <summary>The bus's own endpoint (responses): its topic and subscription are deleted when it stops.</summary>
    public bool IsTemporary { get; init; }

    public int AckDeadlineSeconds => PubSubSubscriptions.ToAckDeadlineSeconds(AckDeadline);
}
