namespace MlOps.Contracts.Api;

public enum BatchJobState
{
    Pending,
    Running,
    Succeeded,
    Failed,
}
