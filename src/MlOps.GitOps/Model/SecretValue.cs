namespace MlOps.GitOps.Model;

/// <summary>A Secret Manager secret and version, resolved by Cloud Run when an instance starts.</summary>
public sealed record SecretValue(string Secret, string Version) : SettingValue
{
    public override string ToString() => $"secret:{Secret}@{Version}";
}
