using Google.Cloud.PubSub.V1;
using MassTransit;
using MassTransit.Internals;
using MassTransit.Middleware;
using MassTransit.Transports;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Pulls from the endpoint's subscriptions with unary Pull (one loop per subscription, at
/// most PrefetchCount messages leased per subscription, or ConcurrentMessageLimit when that is larger:
/// fewer leases than consumers would leave consumers idle) and dispatches with at most
/// ConcurrentMessageLimit consumers running at once.</summary>
public sealed class PubSubMessageReceiver : ConsumerAgent<string>, ReceiveTransportHandle
{
    private const int MaxMessagesPerPull = 1000;

    private readonly PubSubReceiveEndpointContext _context;
    private readonly SemaphoreSlim _running;
    private readonly TimeProvider _time = TimeProvider.System;
    private PubSubLeaseRenewer? _renewer;

    public PubSubMessageReceiver(PubSubReceiveEndpointContext context)
        : base(context)
    {
        _context = context;
        _running = new SemaphoreSlim(Math.Max(1, context.ConcurrentMessageLimit ?? context.PrefetchCount));
        TrySetConsumeTask(Task.Run(ConsumeAsync));
    }

    private PubSubClient Client => _context.Connection.Client;

    Task ReceiveTransportHandle.Stop(CancellationToken cancellationToken) => this.Stop("Stop Receive Transport", cancellationToken);

    private async Task ConsumeAsync()
    {
        IReadOnlyList<(string Name, TimeSpan AckDeadline)> subscriptions;
        try
        {
            await _context.DependenciesReady.OrCanceled(Stopping).ConfigureAwait(false);
            subscriptions = await DeployTopologyAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (IsStopping)
        {
            return;
        }
        catch (Exception e)
        {
            SetNotReady(e);
            return;
        }

        _renewer = new PubSubLeaseRenewer(Client.Subscriber, subscriptions.Min(s => s.AckDeadline), _context.Settings.MaxLeaseDuration, _time);
        SetReady();
        await _context.TransportObservers.NotifyReady(_context.InputAddress).ConfigureAwait(false);
        await Task.WhenAll(subscriptions.Select(s => Task.Run(() => PullLoopAsync(s.Name, s.AckDeadline)))).ConfigureAwait(false);
    }

    /// <summary>Creates (or, with CreateEntities off, checks) the subscriptions, retrying while Pub/Sub is
    /// unreachable, and returns each one's ack deadline as Pub/Sub has it: a subscription that already
    /// existed keeps its own, whatever this endpoint is configured with.</summary>
    private async Task<IReadOnlyList<(string Name, TimeSpan AckDeadline)>> DeployTopologyAsync()
    {
        var subscriptions = _context.Subscriptions();
        foreach (var subscription in subscriptions)
        {
            PubSubNames.ValidateSubscription(subscription.Name);
            PubSubNames.ValidateTopic(subscription.Topic);
        }
        var retry = Client.Settings.Retry;
        var backoff = retry.InitialBackoff;
        while (true)
        {
            try
            {
                var deployed = new List<(string Name, TimeSpan AckDeadline)>();
                foreach (var subscription in subscriptions)
                {
                    var actual = _context.Settings.CreateEntities
                        ? await _context.Connection.Entities.EnsureSubscriptionAsync(subscription).ConfigureAwait(false)
                        : await Client.Subscriptions.GetAsync(subscription.Name, Stopping).ConfigureAwait(false)
                            ?? throw new InvalidOperationException($"Pub/Sub subscription '{subscription.Name}' does not exist and CreateEntities is off for endpoint '{_context.Settings.EndpointName}'.");
                    var deadline = PubSubSubscriptions.AckDeadlineOf(actual);
                    if (deadline != TimeSpan.FromSeconds(subscription.AckDeadlineSeconds))
                    {
                        LogContext.Info?.Log("Pub/Sub subscription {Subscription} has an ack deadline of {Actual} s, not the configured {Configured} s; its leases are renewed on its own",
                            subscription.Name, deadline.TotalSeconds, subscription.AckDeadlineSeconds);
                    }

                    deployed.Add((subscription.Name, deadline));
                }
                return deployed;
            }
            catch (Exception e) when (!IsStopping && e is not InvalidPubSubNameException)
            {
                LogContext.Warning?.Log(e, "Pub/Sub endpoint {InputAddress} cannot set up its subscriptions; retrying in {Delay}", _context.InputAddress, backoff);
                await _context.TransportObservers.NotifyFaulted(_context.InputAddress, e).ConfigureAwait(false);
                await Task.Delay(backoff, Stopping).ConfigureAwait(false);
                backoff = retry.Next(backoff);
            }
        }
    }

    private async Task PullLoopAsync(string subscription, TimeSpan ackDeadline)
    {
        var leased = new SemaphoreSlim(Math.Max(1, Math.Max(_context.PrefetchCount, _context.ConcurrentMessageLimit ?? 0)));
        var retry = Client.Settings.Retry;
        var backoff = retry.InitialBackoff;
        while (!IsStopping)
        {
            try
            {
                await leased.WaitAsync(Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var wanted = 1;
            while (wanted < MaxMessagesPerPull && leased.Wait(0))
            {
                wanted++;
            }

            IReadOnlyList<ReceivedMessage> messages;
            try
            {
                messages = await Client.Subscriber.PullAsync(subscription, wanted, Stopping).ConfigureAwait(false);
                backoff = retry.InitialBackoff;
            }
            catch (Exception e)
            {
                leased.Release(wanted);
                if (IsStopping)
                {
                    break;
                }

                LogContext.Warning?.Log(e, "Pub/Sub pull from {Subscription} failed; retrying in {Delay}", subscription, backoff);
                await DelayUnlessStopping(backoff).ConfigureAwait(false);
                backoff = retry.Next(backoff);
                continue;
            }
            if (messages.Count < wanted)
            {
                leased.Release(wanted - messages.Count);
            }

            foreach (var message in messages)
            {
                _ = HandleAsync(new PubSubReceivedMessage(subscription, message), ackDeadline, leased);
            }
        }
    }

    private async Task HandleAsync(PubSubReceivedMessage message, TimeSpan ackDeadline, SemaphoreSlim leased)
    {
        var renewer = _renewer!;
        var lease = renewer.Track(message.Subscription, message.Received.AckId, ackDeadline);
        var running = false;
        try
        {
            try
            {
                await _running.WaitAsync(Stopping).ConfigureAwait(false);
                running = true;
            }
            catch (OperationCanceledException)
            {
            }
            if (!running || IsStopping)
            {
                if (lease.TryFinish())
                {
                    renewer.Forget(lease);
                    await PubSubReceiveLockContext.Nack(Client.Subscriber, lease).ConfigureAwait(false);
                }
                return;
            }
            var lockContext = new PubSubReceiveLockContext(_context.InputAddress, Client.Subscriber, renewer, lease, _time);
            var context = new PubSubReceiveContext(message, _context, lockContext);
            try
            {
                await Dispatch($"{message.Subscription}/{message.Message.MessageId}", context, lockContext).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                context.LogTransportFaulted(e);
            }
            finally
            {
                context.Dispose();
            }
        }
        finally
        {
            if (running)
            {
                _running.Release();
            }

            leased.Release();
        }
    }

    private async Task DelayUnlessStopping(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    protected override async Task ActiveAndActualAgentsCompleted(StopContext context)
    {
        await base.ActiveAndActualAgentsCompleted(context).ConfigureAwait(false);
        if (_renewer is not null)
        {
            await _renewer.DisposeAsync().ConfigureAwait(false);
        }

        if (_context.Settings.IsTemporary)
        {
            await DeleteTemporaryEntitiesAsync().ConfigureAwait(false);
        }

        await _context.TransportObservers.NotifyCompleted(_context.InputAddress, this).ConfigureAwait(false);
        _context.LogConsumerCompleted(DeliveryCount, ConcurrentDeliveryCount);
    }

    private async Task DeleteTemporaryEntitiesAsync()
    {
        var name = _context.Settings.EndpointName;
        try
        {
            await Client.Subscriptions.DeleteAsync(name).ConfigureAwait(false);
            await Client.Topics.DeleteAsync(name).ConfigureAwait(false);
            _context.Connection.Entities.Forget(name);
        }
        catch (Exception e)
        {
            LogContext.Warning?.Log(e, "Pub/Sub: could not delete the temporary endpoint {Name}", name);
        }
    }
}
