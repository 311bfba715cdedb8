namespace MlOps.GitOps.Model;

/// <summary>The five services; each name is the Cloud Run service name and its key under <c>services:</c>.</summary>
public static class ServiceNames
{
    public const string Trainer = "trainer";
    public const string Registry = "registry";
    public const string Deployer = "deployer";
    public const string DriftWatcher = "drift-watcher";
    public const string Predictor = "predictor";

    public static IReadOnlyList<string> All { get; } = [Trainer, Registry, Deployer, DriftWatcher, Predictor];
}
