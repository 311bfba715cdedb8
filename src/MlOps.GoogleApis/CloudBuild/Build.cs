namespace MlOps.GoogleApis.CloudBuild;

/// <summary>google.devtools.cloudbuild.v1.Build: the fields the services read.</summary>
public sealed record Build
{
    /// <summary><c>projects/{p}/locations/{l}/builds/{id}</c>.</summary>
    public string? Name { get; init; }

    public string? Id { get; init; }

    public string? ProjectId { get; init; }

    /// <summary>A <see cref="BuildStatuses"/> name.</summary>
    public string? Status { get; init; }

    public string? StatusDetail { get; init; }

    /// <summary>The build's page in the Google Cloud console.</summary>
    public string? LogUrl { get; init; }

    public string? BuildTriggerId { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? FinishTime { get; init; }

    /// <summary>The user substitutions and the built-in ones (<c>BUILD_ID</c>, <c>BRANCH_NAME</c>, …).</summary>
    public IReadOnlyDictionary<string, string>? Substitutions { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Why the build failed, when its status is FAILURE.</summary>
    public FailureInfo? FailureInfo { get; init; }
}
