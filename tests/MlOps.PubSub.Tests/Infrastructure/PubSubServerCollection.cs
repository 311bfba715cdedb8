namespace MlOps.PubSub.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PubSubServerCollection : ICollectionFixture<PubSubServer>
{
    public const string Name = "Pub/Sub server";
}
