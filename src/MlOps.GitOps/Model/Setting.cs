namespace MlOps.GitOps.Model;

/// <summary>A configuration key from docs/configuration.md (colon form) and its value.</summary>
public sealed record Setting(string Key, SettingValue Value);
