namespace MlOps.Environments.Model;

/// <summary>A configuration key from docs/configuration.md (colon form) and its value.</summary>
public sealed record Setting(string Key, SettingValue Value);
