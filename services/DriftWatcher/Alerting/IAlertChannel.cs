namespace MlOps.DriftWatcher.Alerting;

/// <summary>Somewhere an alert is delivered. An attempt never throws for the receiver's failures: it says what happened.</summary>
internal interface IAlertChannel
{
    /// <summary>The channel's name in delivery files, dead letters and metrics: <c>log</c>, <c>topic</c> or <c>webhook-{name}</c>.</summary>
    public string Name { get; }

    public bool Accepts(string kind);

    public Task<DeliveryOutcome> DeliverAsync(Alert alert, CancellationToken cancellationToken);
}
