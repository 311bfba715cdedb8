namespace MlOps.Contracts.Api;

public enum TrainingRunOutcome
{
    Trained,
    Failed,
}
