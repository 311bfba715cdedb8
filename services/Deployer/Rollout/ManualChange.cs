using MlOps.Deployer.Model;

namespace MlOps.Deployer.Rollout;

/// <summary>What a change asked for by hand (a rollback, a promotion) did: acted on a deployment, or found none to act on.</summary>
public abstract record ManualChange
{
    private ManualChange()
    {
    }

    public sealed record Done(Deployment Deployment) : ManualChange;

    public sealed record Refused(string Reason) : ManualChange;
}
