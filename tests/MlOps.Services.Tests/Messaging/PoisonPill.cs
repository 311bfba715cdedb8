namespace MlOps.Services.Tests.Messaging;

/// <summary>A message that <see cref="PoisonPillConsumer"/> can never consume.</summary>
public sealed record PoisonPill(Guid Id, string Model);
