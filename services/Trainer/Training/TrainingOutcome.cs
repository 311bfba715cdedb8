using MlOps.Contracts;

namespace MlOps.Trainer.Training;

/// <summary>What a training run produced: a trained, verified package, or every reason it could not be made.</summary>
public abstract record TrainingOutcome
{
    private TrainingOutcome()
    {
    }

    public sealed record Trained(ModelTrained Message) : TrainingOutcome;

    public sealed record Failed(TrainingFailed Message) : TrainingOutcome;
}
