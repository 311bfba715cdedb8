using MlOps.Rehearsal.Manifests;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// An environment as rendered, and what else of it rehearsal needs: its project and region, its
/// topics and subscriptions (subscription → topic) with their ack deadline, and its log sink.
/// </summary>
public sealed record RehearsalPlan(
    string Environment,
    string Project,
    string Region,
    IReadOnlyList<ServiceManifest> Services,
    IReadOnlyList<string> Topics,
    IReadOnlyDictionary<string, string> Subscriptions,
    int AckDeadlineSeconds,
    string LogSinkTopic,
    Func<System.Text.Json.Nodes.JsonObject, bool> LogSinkFilter);
