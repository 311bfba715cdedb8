namespace MlOps.GitOps.Model;

/// <summary>The services; each name is the Cloud Run service name and its key under <c>services:</c>.</summary>
public static class ServiceNames
{
    public const string Trainer = "trainer";
    public const string Registry = "registry";
    public const string Deployer = "deployer";
    public const string DriftWatcher = "drift-watcher";
    public const string Predictor = "predictor";

    /// <summary>The web console people open in a browser, behind Identity-Aware Proxy; it calls the others' HTTP APIs and nothing else.</summary>
    public const string Console = "console";

    /// <summary>The five services of the loop: each is on the message bus and mounts the artifact bucket, and every environment runs all five.</summary>
    public static IReadOnlyList<string> Loop { get; } = [Trainer, Registry, Deployer, DriftWatcher, Predictor];

    /// <summary>Every service an environment may run: the loop's five, and the console when the environment has one.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Loop, Console];

    /// <summary>The services the console reads, each through its <c>services:&lt;name&gt;:http:0</c> URL.</summary>
    public static IReadOnlyList<string> ConsoleReads { get; } = [Registry, Trainer, Deployer, DriftWatcher];
}
