namespace MlOps.Platform.Configuration;

/// <summary>
/// One configuration key a service reads: its type, its range and default when an options type
/// declares them, and its choices when it is an enum or lists its allowed values. A <c>&lt;name&gt;</c> segment stands for any one segment.
/// </summary>
public sealed record SettingDescriptor(string Key, Type Type)
{
    /// <summary>A key read as plain text, with no options type to say more about it.</summary>
    public static SettingDescriptor Plain(string key, string? defaultValue = null) => new(key, typeof(object)) { Default = defaultValue };

    public double? Min { get; init; }

    public double? Max { get; init; }

    public bool MinExclusive { get; init; }

    public bool MaxExclusive { get; init; }

    /// <summary>The default as configuration would spell it (invariant culture), or null when there is none.</summary>
    public string? Default { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public bool IsPattern => Key.Contains(SettingsSchema.AnyName, StringComparison.Ordinal);
}
