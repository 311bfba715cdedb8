using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// Whether an environment's deployer rolls out through the environment's deploy build (<c>Deployer:Strategy: gitops</c>),
/// and the trigger and branch that build is: the deploy trigger bootstrap creates, on the environment's branch.
/// </summary>
public static class GitOpsRollouts
{
    public const string StrategyKey = "Deployer:Strategy";
    public const string GitOps = "gitops";

    public static bool On(EnvironmentSpec spec) => SettingCatalog.Effective(spec.Service(ServiceNames.Deployer), StrategyKey) == GitOps;

    public static string Trigger(EnvironmentSpec spec) => $"mlops-deploy-{spec.Name}";

    public static string Branch(EnvironmentSpec spec) => BranchOf(spec.Name);

    public static string BranchOf(string environment) => $"env/{environment}";
}
