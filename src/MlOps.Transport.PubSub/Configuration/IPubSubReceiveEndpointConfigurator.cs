namespace MassTransit;

public interface IPubSubReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>Ack deadline (10-600 s) of the subscriptions this endpoint creates (overrides the host default).
    /// A subscription that already exists keeps its own deadline, and its leases are renewed on that one.</summary>
    public TimeSpan AckDeadline { set; }

    /// <summary>Longest time a consumer may hold a message before its lease is no longer renewed.</summary>
    public TimeSpan MaxLeaseDuration { set; }

    /// <summary>Subscription to pull from; defaults to the endpoint name.</summary>
    public string SubscriptionName { set; }

    /// <summary>When false, nothing is created: the endpoint pulls from an existing subscription
    /// (for example one fed by a Cloud Logging sink). Defaults to true.</summary>
    public bool CreateEntities { set; }
}
