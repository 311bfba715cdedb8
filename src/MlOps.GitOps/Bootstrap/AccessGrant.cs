namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// One role a plan grants: to <see cref="Account"/> (an email, or who it is when only Google knows the email), on
/// <see cref="Resource"/> (a project, bucket, secret, topic, service account or image repository).
/// </summary>
public sealed record AccessGrant(string Account, string Role, string Resource)
{
    /// <summary>A custom role's permissions; empty for a predefined role.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    public bool Custom => Permissions.Count > 0;
}
