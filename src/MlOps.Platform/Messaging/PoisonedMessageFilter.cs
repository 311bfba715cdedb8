using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.Contracts;

namespace MlOps.Platform.Messaging;

/// <summary>
/// The last step of every receive endpoint's error pipe, after MassTransit's own two (publish <c>Fault&lt;T&gt;</c>, then
/// move the message to <c>{endpoint}_error</c> with the MT-Fault-* headers): count the message, log it at ERROR, and
/// publish <see cref="MessageFaulted"/>, in that order. It runs only once the move succeeded, so whatever is counted
/// and alerted is kept. A publish that fails throws: the message is not acknowledged, comes again, is moved again and
/// names the same message id, so the DriftWatcher still makes one alert. A <see cref="MessageFaulted"/> that faults
/// is counted and logged but not announced again, so alerting that cannot record an alert does not feed itself.
/// </summary>
internal sealed partial class PoisonedMessageFilter(IServiceProvider services, MessagingMetrics metrics, ILogger<PoisonedMessageFilter> logger)
    : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var fault = FaultDescriptions.Describe(context, time.GetUtcNow());
        metrics.Faulted(fault);
        LogMoved(logger, context.Exception, fault.MessageId, fault.MessageType, fault.Endpoint, fault.Attempts, fault.ErrorDestination, fault.ExceptionType, fault.ExceptionMessage);
        if (fault.MessageType != nameof(MessageFaulted))
        {
            await services.GetRequiredService<IBus>().Publish(fault, context.CancellationToken).ConfigureAwait(false);
        }

        await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("poisonedMessage");

    // camelCase placeholders: they are the jsonPayload field names a Cloud Logging query uses, as MessageFaulted's JSON spells them.
    [LoggerMessage(EventId = 4100, Level = LogLevel.Error,
        Message = "Message {messageId} ({messageType}) failed {attempts} time(s) on {endpoint} and was moved to {errorDestination}: {exceptionType}: {exceptionMessage}")]
    private static partial void LogMoved(ILogger logger, Exception exception, string messageId, string messageType, string endpoint, int attempts, string errorDestination, string exceptionType, string exceptionMessage);
}
