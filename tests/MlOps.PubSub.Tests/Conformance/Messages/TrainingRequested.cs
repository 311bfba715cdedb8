namespace MlOps.PubSub.Tests.Conformance.Messages;

public sealed record TrainingRequested(Guid Id);
