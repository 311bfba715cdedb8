namespace MlOps.GitOps.Model;

/// <summary>One service in one environment. <see cref="Public"/>: anyone may invoke it (allUsers holds roles/run.invoker); every other service needs a granted caller identity.</summary>
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
    public Setting? Find(string key) => Settings.FirstOrDefault(s => s.Key == key);
}
