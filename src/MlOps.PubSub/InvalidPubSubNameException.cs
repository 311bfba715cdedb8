namespace MlOps.PubSub;

/// <summary>A topic or subscription name that Pub/Sub would reject, caught before any call.</summary>
public sealed class InvalidPubSubNameException(string kind, string name, string reason)
    : ArgumentException($"Invalid Pub/Sub {kind} name '{name}': {reason}. Names are 3-255 characters of letters, digits and - _ . ~ + %, start with a letter and do not start with 'goog'.")
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;
}
