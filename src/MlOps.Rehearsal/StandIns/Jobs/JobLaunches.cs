using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;

namespace MlOps.Rehearsal.StandIns.Jobs;

/// <summary>
/// What Vertex AI runs for a custom job here: the first replica of the first worker pool, with the variables
/// custom_job.proto lists for <c>base_output_directory</c> (<c>AIP_MODEL_DIR</c> = <c>{dir}/model/</c>,
/// <c>AIP_CHECKPOINT_DIR</c>, <c>AIP_TENSORBOARD_LOG_DIR</c>), the job's ID and the cluster spec of a single replica.
/// </summary>
internal static class JobLaunches
{
    public const string Replica = "workerpool0-0";

    public static JobLaunch Build(CustomJobRecord job)
    {
        var spec = job.Sent.Obj("jobSpec")!;
        var pool = (JsonObject)spec.List("workerPoolSpecs")[0]!;
        var container = pool.Obj("containerSpec")!;
        List<ContainerEnvVar> vertex =
        [
            new("CLOUD_ML_JOB_ID", job.Id),
            new("CLUSTER_SPEC", """{"cluster":{"workerpool0":["workerpool0-0:2222"]},"environment":"cloud","task":{"type":"workerpool0","index":0}}"""),
        ];
        if (spec.Obj("baseOutputDirectory").Str("outputUriPrefix") is { } output)
        {
            // "If the uri doesn't end with '/', a '/' will be automatically appended" (io.proto).
            var directory = output.EndsWith('/') ? output : output + "/";
            vertex.Add(new ContainerEnvVar("AIP_MODEL_DIR", directory + "model/"));
            vertex.Add(new ContainerEnvVar("AIP_CHECKPOINT_DIR", directory + "checkpoints/"));
            vertex.Add(new ContainerEnvVar("AIP_TENSORBOARD_LOG_DIR", directory + "logs/"));
        }

        var own = container.List("env").Select(e => new ContainerEnvVar(e.Str("name")!, e.Str("value") ?? "")).Where(e => !vertex.Exists(v => v.Name == e.Name));
        return new JobLaunch(
            job.Name,
            job.Sent.Str("displayName")!,
            new JobContainerSpec(container.Str("imageUri")!, container.Strings("command"), container.Strings("args"), [.. own, .. vertex]),
            pool.Obj("machineSpec").Str("machineType"),
            spec.Str("serviceAccount"),
            job.Labels);
    }
}
