namespace MlOps.Platform.Messaging;

public enum TransportKind
{
    InMemory,
    PubSub,
}
