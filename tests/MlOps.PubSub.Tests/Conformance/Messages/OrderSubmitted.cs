namespace MlOps.PubSub.Tests.Conformance.Messages;

public sealed record OrderSubmitted(Guid Id, int Number);
