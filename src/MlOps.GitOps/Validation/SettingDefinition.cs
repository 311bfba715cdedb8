using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// One documented configuration key: who reads it (<see cref="Service"/>, null for every service of the loop, and
/// <see cref="AlsoReadBy"/> when a few share it), what values it takes, and whether an environment may set it.
/// </summary>
public sealed record SettingDefinition(string Key, string? Service, SettingKind Kind, SettingUse Use = SettingUse.Settable)
{
    private const string Placeholder = "<name>";

    public double? Min { get; init; }

    public double? Max { get; init; }

    public bool MinExclusive { get; init; }

    public bool MaxExclusive { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public string? Default { get; init; }

    /// <summary>A credential: only a Secret Manager reference is accepted, never a literal.</summary>
    public bool SecretOnly { get; init; }

    /// <summary>Why a derived or non-Cloud-Run key must not be written.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The other services that read a key a few share (<c>MlOps:Google</c>: every service that calls Vertex AI), or, for a
    /// key of every service of the loop, the services outside the loop that read it too (the console's service defaults).
    /// </summary>
    public IReadOnlyList<string> AlsoReadBy { get; init; } = [];

    /// <summary>The services that read the key.</summary>
    public IReadOnlyList<string> Readers => Service is null ? [.. ServiceNames.Loop, .. AlsoReadBy] : [Service, .. AlsoReadBy];

    /// <summary>What a pattern key's <c>&lt;name&gt;</c> names.</summary>
    public PatternName Names { get; init; }

    /// <summary>Keys with a <c>&lt;name&gt;</c> placeholder match any one segment in its place (<c>DriftWatcher:Schedules:&lt;name&gt;:Cron</c>).</summary>
    public bool IsPattern => Key.Contains(Placeholder, StringComparison.Ordinal);

    /// <summary>What comes before the name (the whole key when it is no pattern).</summary>
    public string Prefix => IsPattern ? Key[..Key.IndexOf(Placeholder, StringComparison.Ordinal)] : Key;

    /// <summary>What comes after the name.</summary>
    public string Suffix => IsPattern ? Key[(Key.IndexOf(Placeholder, StringComparison.Ordinal) + Placeholder.Length)..] : "";

    /// <summary>The key spelt with <paramref name="name"/> for the placeholder.</summary>
    public string With(string name) => IsPattern ? Prefix + name + Suffix : Key;

    public bool ReadBy(string service) => Readers.Contains(service);

    public bool Matches(string key) => IsPattern ? NameIn(key) is not null : key == Key;

    /// <summary>The name a key gives the placeholder, or null when the key does not match.</summary>
    public string? NameIn(string key) =>
        IsPattern && key.Length > Prefix.Length + Suffix.Length && key.StartsWith(Prefix, StringComparison.Ordinal) && key.EndsWith(Suffix, StringComparison.Ordinal)
            && key[Prefix.Length..^Suffix.Length] is { } name && !name.Contains(':')
            ? name
            : null;
}
