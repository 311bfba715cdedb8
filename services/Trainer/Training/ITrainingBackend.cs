using MlOps.Contracts;

namespace MlOps.Trainer.Training;

/// <summary>Runs one training request to its outcome, here or elsewhere.</summary>
public interface ITrainingBackend
{
    public Task<TrainingOutcome> RunAsync(TrainingRequested request, CancellationToken cancellationToken);
}
