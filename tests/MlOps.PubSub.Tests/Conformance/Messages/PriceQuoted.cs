namespace MlOps.PubSub.Tests.Conformance.Messages;

public sealed record PriceQuoted(string Sku, decimal Price);
