namespace MlOps.Platform.Configuration;

/// <summary>
/// What a host's modules read from configuration, declared where they read it: the options sections
/// bound with <see cref="SettingsExtensions.AddSettings{TSettings}"/> and the single keys read with
/// <see cref="SettingsExtensions.ReadSetting(Microsoft.Extensions.Hosting.IHostApplicationBuilder, string)"/>. docs/configuration.md and the environments' catalog
/// are checked against it.
/// </summary>
public sealed class ConfigurationReads
{
    private readonly List<(Type Type, string Section)> _sections = [];
    private readonly Dictionary<string, string?> _keys = [];

    /// <summary>Every key, options sections expanded into their leaf keys.</summary>
    public IReadOnlyList<SettingDescriptor> Settings =>
        [.. _sections.SelectMany(s => SettingsSchema.Describe(s.Type, s.Section)), .. _keys.Select(k => SettingDescriptor.Plain(k.Key, k.Value))];

    internal bool AddSection(Type type, string section)
    {
        if (_sections.Contains((type, section)))
        {
            return false;
        }

        _sections.Add((type, section));
        return true;
    }

    internal void AddKey(string key, string? defaultValue) => _keys[key] = defaultValue;
}
