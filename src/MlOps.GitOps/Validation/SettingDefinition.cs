using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// One documented configuration key: who reads it (<see cref="Service"/>, null for every service, and <see cref="AlsoReadBy"/>
/// when a few share it), what values it takes, and whether an environment may set it.
/// </summary>
public sealed record SettingDefinition(string Key, string? Service, SettingKind Kind, SettingUse Use = SettingUse.Settable)
{
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

    /// <summary>The other services that read a key a few share (<c>MlOps:Google</c>: every service that calls Vertex AI).</summary>
    public IReadOnlyList<string> AlsoReadBy { get; init; } = [];

    /// <summary>The services that read the key.</summary>
    public IReadOnlyList<string> Readers => Service is null ? ServiceNames.All : [Service, .. AlsoReadBy];

    /// <summary>Keys with a <c>&lt;name&gt;</c> placeholder match any last segment.</summary>
    public bool IsPattern => Key.EndsWith('>');

    public string Prefix => IsPattern ? Key[..(Key.LastIndexOf(':') + 1)] : Key;

    public bool ReadBy(string service) => Readers.Contains(service);

    public bool Matches(string key) =>
        IsPattern ? key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length > Prefix.Length && !key[Prefix.Length..].Contains(':') : key == Key;
}
