using System.Text.RegularExpressions;

namespace MlOps.PubSub;

/// <summary>Pub/Sub resource names: validation and the <c>projects/{project}/topics/{topic}</c> paths.</summary>
public static partial class PubSubNames
{
    public const int MinLength = 3;
    public const int MaxLength = 255;

    public static bool IsValid(string? name) => name is not null && Problem(name) is null;

    public static string ValidateTopic(string name) => Validate("topic", name);

    public static string ValidateSubscription(string name) => Validate("subscription", name);

    public static string Validate(string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problem = Problem(name);
        return problem is null ? name : throw new InvalidPubSubNameException(kind, name, problem);
    }

    public static string TopicPath(string projectId, string topic) =>
        $"projects/{ValidateProject(projectId)}/topics/{ValidateTopic(topic)}";

    public static string SubscriptionPath(string projectId, string subscription) =>
        $"projects/{ValidateProject(projectId)}/subscriptions/{ValidateSubscription(subscription)}";

    /// <summary>The short name of <c>projects/p/topics/name</c> (or the argument when it is already short).</summary>
    public static string ShortName(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string ValidateProject(string projectId)
    {
        // Emulators accept any project id; only what would break the resource path is refused.
        if (string.IsNullOrWhiteSpace(projectId) || projectId.Contains('/'))
        {
            throw new ArgumentException($"Invalid Google Cloud project id '{projectId}': it must be non-empty and contain no '/'.", nameof(projectId));
        }

        return projectId;
    }

    private static string? Problem(string name)
    {
        if (name.Length < MinLength)
        {
            return $"it is {name.Length} characters long, the minimum is {MinLength}";
        }

        if (name.Length > MaxLength)
        {
            return $"it is {name.Length} characters long, the maximum is {MaxLength}";
        }

        if (!char.IsAsciiLetter(name[0]))
        {
            return "it must start with a letter";
        }

        if (name.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
        {
            return "names starting with 'goog' are reserved by Google";
        }

        var bad = InvalidCharacter().Match(name);
        return bad.Success ? $"character '{bad.Value}' at position {bad.Index} is not allowed" : null;
    }

    [GeneratedRegex(@"[^A-Za-z0-9\-_.~+%]")]
    private static partial Regex InvalidCharacter();
}
