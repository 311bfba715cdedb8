namespace MlOps.Contracts;

/// <summary>
/// A message failed on every attempt at a receive endpoint and was moved to that endpoint's
/// <paramref name="ErrorDestination"/>, where it is kept with the exception and stack trace in its headers. Published
/// by the service that gave up on it, after the move. <paramref name="MessageId"/> is the faulted message's own id
/// (MassTransit's, else the transport's, else a hash of its body), so a repeated move names the same message;
/// <paramref name="Model"/> is the message's <c>model</c>, when it has one.
/// </summary>
public sealed record MessageFaulted(
    string MessageId,
    string MessageType,
    string Endpoint,
    string ErrorDestination,
    string ExceptionType,
    string ExceptionMessage,
    int Attempts,
    string? Model,
    DateTimeOffset FaultedAt);
