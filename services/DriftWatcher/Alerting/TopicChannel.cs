using MassTransit;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// Sends the alert as plain JSON (no MassTransit envelope; see <c>SendAsRawJson</c>) to a Pub/Sub topic alone, for
/// subscribers outside the services. On the in-memory bus the same address is the exchange of that name.
/// </summary>
internal sealed class TopicChannel(string topic, IBus bus) : IAlertChannel
{
    public const string ChannelName = "topic";

    public string Name => ChannelName;

    public Uri Address { get; } = new($"topic:{topic}");

    public bool Accepts(string kind) => true;

    public async Task<DeliveryOutcome> DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = await bus.GetSendEndpoint(Address);
            await endpoint.Send(alert, cancellationToken);
            return DeliveryOutcome.Delivered;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }
}
