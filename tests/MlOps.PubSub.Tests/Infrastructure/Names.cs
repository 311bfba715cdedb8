namespace MlOps.PubSub.Tests.Infrastructure;

internal static class Names
{
    /// <summary>A name no other test uses, so tests sharing one server never see each other's messages.</summary>
    public static string Unique(string what) => $"t{Guid.NewGuid().ToString("N")[..10]}-{what}";
}
