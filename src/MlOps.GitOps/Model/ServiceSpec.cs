namespace MlOps.GitOps.Model;

public sealed record ServiceSpec(
    string Name,
    string Image,
    string ServiceAccount,
    string Ingress,
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
