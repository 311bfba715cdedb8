using MlOps.Rehearsal.StandIns.Routing;
using static MlOps.Rehearsal.StandIns.Schema.Protos.CloudBuildProtos;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// Every method the Cloud Build stand-in serves, with its regional <c>google.api.http</c> binding as cloudbuild.proto
/// (or, for operations, cloudbuild_v1.yaml) declares it and the permission Cloud Build's reference gives it:
/// <c>cloudbuild.builds.create</c> to run a trigger or send it a webhook event, <c>cloudbuild.builds.get</c> to read a
/// build or its operation, <c>cloudbuild.builds.update</c> to cancel one. The project-wide bindings
/// (<c>/v1/projects/{project_id}/triggers/…</c>) are not served: a trigger here is always named with its location.
/// </summary>
internal static class CloudBuildRoutes
{
    private const string Service = V1 + "CloudBuild.";

    public static IReadOnlyList<StandInRoute<CloudBuildApis>> All { get; } =
    [
        new(HttpRule.Post("/v1/{name=projects/*/locations/*/triggers/*}:run"), Service + "RunBuildTrigger",
            V1 + "RunBuildTriggerRequest", "*", "google.longrunning.Operation", "cloudbuild.builds.create", "name", (a, c, t) => a.Triggers.RunAsync(c, t)),
        new(HttpRule.Post("/v1/{name=projects/*/locations/*/triggers/*}:webhook"), Service + "ReceiveTriggerWebhook",
            V1 + "ReceiveTriggerWebhookRequest", "body", V1 + "ReceiveTriggerWebhookResponse", "cloudbuild.builds.create", "name", (a, c, t) => a.Triggers.WebhookAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/builds/*}"), Service + "GetBuild",
            V1 + "GetBuildRequest", null, V1 + "Build", "cloudbuild.builds.get", "name", (a, c, t) => a.Builds.GetAsync(c, t)),
        new(HttpRule.Post("/v1/{name=projects/*/locations/*/builds/*}:cancel"), Service + "CancelBuild",
            V1 + "CancelBuildRequest", "*", V1 + "Build", "cloudbuild.builds.update", "name", (a, c, t) => a.Builds.CancelAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/operations/*}"), "google.longrunning.Operations.GetOperation",
            "google.longrunning.GetOperationRequest", null, "google.longrunning.Operation", "cloudbuild.builds.get", "name", (a, c, t) => a.Builds.GetOperationAsync(c, t)),
    ];
}
