using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Models;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>
/// What Vertex AI starts for a deployment: the version's container with the routes' defaults filled in (from
/// model.proto) and the environment variables Vertex AI sets for custom containers. <c>AIP_HTTP_PORT</c> is left to
/// whatever runs the container, which is told the ports and chooses where the container listens.
/// </summary>
internal static class ServingLaunches
{
    public static ServingLaunch Build(StandInState state, EndpointRecord endpoint, string deployedModelId, ModelRecord model, ModelVersionRecord version, JsonObject deployedModel)
    {
        var spec = version.Uploaded.Obj("containerSpec")!;
        var resources = deployedModel.Obj("dedicatedResources")!;
        var machineType = resources.Obj("machineSpec").Str("machineType")!;
        var predictRoute = spec.Str("predictRoute") ?? $"/v1/endpoints/{endpoint.Id}/deployedModels/{deployedModelId}:predict";
        var healthRoute = spec.Str("healthRoute") ?? $"/v1/endpoints/{endpoint.Id}/deployedModels/{deployedModelId}";
        var artifactUri = version.Uploaded.Str("artifactUri");
        List<ContainerEnvVar> vertex =
        [
            new("AIP_DEPLOYED_MODEL_ID", deployedModelId),
            new("AIP_ENDPOINT_ID", endpoint.Id),
            new("AIP_FRAMEWORK", "CUSTOM_CONTAINER"),
            new("AIP_HEALTH_ROUTE", healthRoute),
            new("AIP_PREDICT_ROUTE", predictRoute),
            new("AIP_MACHINE_TYPE", machineType),
            new("AIP_MODE", "PREDICTION"),
            new("AIP_MODE_VERSION", "1.0.0"),
            new("AIP_MODEL_NAME", model.Name[(model.Name.LastIndexOf('/') + 1)..]),
            new("AIP_PROJECT_NUMBER", state.Names.Project),
        ];
        if (artifactUri is not null)
        {
            // Vertex AI copies the artifacts to a bucket of its own at upload and points AIP_STORAGE_URI there; the
            // stand-in copies nothing and passes artifactUri itself.
            vertex.Add(new ContainerEnvVar("AIP_STORAGE_URI", artifactUri));
        }

        var own = spec.List("env").Select(e => new ContainerEnvVar(e.Str("name")!, e.Str("value") ?? "")).Where(e => !vertex.Exists(v => v.Name == e.Name));
        var ports = spec.List("ports").Select(p => p.Int("containerPort")).Where(p => p > 0).ToList();
        var container = new ServingContainerSpec(
            spec.Str("imageUri")!,
            spec.Strings("command"),
            spec.Strings("args"),
            [.. own, .. vertex],
            ports.Count > 0 ? ports : [8080],
            predictRoute,
            healthRoute);
        return new ServingLaunch(
            endpoint.Name,
            deployedModelId,
            model.Name,
            version.VersionId,
            container,
            artifactUri,
            deployedModel.Str("serviceAccount"),
            machineType,
            resources.Int("minReplicaCount"));
    }
}
