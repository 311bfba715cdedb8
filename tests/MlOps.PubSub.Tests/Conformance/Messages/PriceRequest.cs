namespace MlOps.PubSub.Tests.Conformance.Messages;

public sealed record PriceRequest(string Sku);
