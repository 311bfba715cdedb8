using System.Text.Json;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// What to run for a build: its ID, the trigger that started it, the branch it builds, every substitution it has
/// (the trigger's and the run's user substitutions and Cloud Build's built-in ones, <c>BUILD_ID</c>, <c>BRANCH_NAME</c>,
/// <c>TRIGGER_NAME</c>, …), and for a build a webhook event started, the event's JSON payload.
/// </summary>
public sealed record BuildLaunch(
    string BuildId,
    StandInTrigger Trigger,
    string Branch,
    IReadOnlyDictionary<string, string> Substitutions,
    JsonElement? WebhookPayload);
