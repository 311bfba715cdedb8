using MlOps.GitOps.Model;

namespace MlOps.GitOps.Rendering;

/// <summary>An environment variable of a container: a literal value or a Secret Manager reference.</summary>
public sealed record EnvVar(string Name, SettingValue Value)
{
    /// <summary>The .NET configuration key an environment variable stands for (<c>__</c> becomes <c>:</c>).</summary>
    public string ConfigurationKey => Name.Replace("__", ":", StringComparison.Ordinal);

    public static string NameOf(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
