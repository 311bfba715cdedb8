using System.Text.Json;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// One alert per source message, as recorded in the outbox and sent to every channel. <paramref name="Id"/> is
/// derived from the source message's identity, so a redelivered message names the same alert;
/// <paramref name="RaisedAt"/> is the source's own time; <paramref name="Source"/> is the message as published.
/// </summary>
public sealed record Alert(
    string Id,
    string Kind,
    string Model,
    int? Version,
    string Summary,
    DateTimeOffset RaisedAt,
    string SourceType,
    JsonElement Source);
