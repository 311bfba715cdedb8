namespace MlOps.Contracts.Api;

/// <summary>The Trainer's answer to a training request: the id its outcome will carry.</summary>
public sealed record TrainingAccepted(Guid RequestId);
