namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// A build trigger that exists in the stand-in: its ID and name (a run names it by either), the branch it builds when
/// a run names none, and, for a webhook trigger, the secret a webhook event must carry.
/// </summary>
public sealed record StandInTrigger(string Id, string Name, string Branch, string? WebhookSecret = null)
{
    /// <summary>The trigger's own user substitutions (<c>_KEY</c>); a run's substitutions override them.</summary>
    public IReadOnlyDictionary<string, string> Substitutions { get; init; } = new Dictionary<string, string>();
}
