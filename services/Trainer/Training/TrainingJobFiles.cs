using MlOps.Contracts;
using MlOps.Platform.Artifacts;

namespace MlOps.Trainer.Training;

/// <summary>Where a training request's custom job keeps its files in the artifact store: <c>jobs/{run}/</c>.</summary>
public static class TrainingJobFiles
{
    public static string Folder(Guid requestId) => $"jobs/{requestId:N}";

    /// <summary>The job's resource name, written before it is followed, so a redelivered request follows the same job.</summary>
    public static string Job(ArtifactStore store, Guid requestId) => store.Resolve($"{Folder(requestId)}/job.json");

    /// <summary>The outcome the job wrote: a <see cref="JobOutcome"/>.</summary>
    public static string Outcome(ArtifactStore store, Guid requestId) => store.Resolve($"{Folder(requestId)}/outcome.json");
}
