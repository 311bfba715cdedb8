namespace MlOps.GitOps.Model;

/// <summary>
/// One service in one environment. <see cref="Public"/>: anyone may invoke it (allUsers holds roles/run.invoker); every other
/// service needs a granted caller identity. <see cref="Iap"/>: people reach it through Identity-Aware Proxy.
/// </summary>
public sealed record ServiceSpec(
    string Name,
    string Image,
    string ServiceAccount,
    string Ingress,
    bool Public,
    int MinInstances,
    int MaxInstances,
    string Cpu,
    string Memory,
    int Port,
    string? CloudSqlInstance,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> ActAs,
    IReadOnlyList<Setting> Settings)
{
    /// <summary>Identity-Aware Proxy on the service (the <c>iap</c> section); null when it is off.</summary>
    public IapSpec? Iap { get; init; }

    public Setting? Find(string key) => Settings.FirstOrDefault(s => s.Key == key);
}
