namespace MlOps.Core.Training;

/// <summary>What the caller knows about a training run: the model's name, time spent loading data, where to report progress.</summary>
public sealed record TrainingContext
{
    public string? ModelName { get; init; }

    public double LoadMs { get; init; }

    public IProgress<string>? Progress { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
