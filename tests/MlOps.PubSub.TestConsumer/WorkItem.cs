namespace MlOps.PubSub.TestConsumer;

public sealed record WorkItem(Guid Id, int Number);
