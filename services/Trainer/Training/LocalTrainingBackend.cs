using MlOps.Contracts;

namespace MlOps.Trainer.Training;

/// <summary>Training in this process, off the consumer's thread.</summary>
public sealed class LocalTrainingBackend(TrainingRunner runner) : ITrainingBackend
{
    public Task<TrainingOutcome> RunAsync(TrainingRequested request, CancellationToken cancellationToken) =>
        Task.Run(() => runner.Run(request, cancellationToken), cancellationToken);
}
