using System.Diagnostics.Metrics;
using MlOps.Contracts;

namespace MlOps.Platform.Messaging;

/// <summary>What the bus gave up on: one count per message moved to an error destination, never per attempt.</summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "MlOps.Messaging";
    public const string FaultedInstrument = "mlops.messages.faulted";

    private readonly Counter<long> _faulted;

    public MessagingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _faulted = meter.CreateCounter<long>(FaultedInstrument, "{message}", "Messages that failed every attempt and were moved to their endpoint's error destination, by endpoint, message_type and exception_type");
    }

    public void Faulted(MessageFaulted fault) =>
        _faulted.Add(1, new("endpoint", fault.Endpoint), new("message_type", fault.MessageType), new("exception_type", fault.ExceptionType));
}
