using MlOps.Contracts;

namespace MlOps.Trainer.Training;

/// <summary>What a training job leaves in its folder: exactly one of the two messages a local run would publish.</summary>
public sealed record JobOutcome(ModelTrained? Trained, TrainingFailed? Failed);
