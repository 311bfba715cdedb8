namespace MlOps.PubSub.Tests.Conformance.Messages;

public sealed record NobodyConsumes(Guid Id);
