namespace MlOps.Rehearsal.StandIns;

/// <summary>The project and location the stand-in serves, who may call it, and what runs the containers.</summary>
public sealed record VertexAiStandInOptions
{
    /// <summary>Every resource name must be in this project; another one is refused 403 PERMISSION_DENIED, as Google does.</summary>
    public required string Project { get; init; }

    /// <summary>Every resource name must be in this location; another one is 404 NOT_FOUND.</summary>
    public required string Location { get; init; }

    /// <summary>The principal a bearer access token stands for (e.g. <c>serviceAccount:registry@p.iam.gserviceaccount.com</c>); null for a token Google would not accept.</summary>
    public required Func<string, string?> Principal { get; init; }

    /// <summary>The IAM permissions each principal holds; null allows every principal everything.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? Permissions { get; init; }

    /// <summary>Runs serving and job containers; null deploys models that never serve and finishes jobs at once with exit code 0.</summary>
    public IVertexContainers? Containers { get; init; }

    /// <summary>How long a long-running operation at least stays <c>done: false</c>, and a job in each state before RUNNING.</summary>
    public TimeSpan OperationDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a deployed model's container may take to answer 200 on its health route before the deployment fails.</summary>
    public TimeSpan DeploymentTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Where the certificate's PEM file is written; a temporary folder (removed on dispose) when null.</summary>
    public string? WorkFolder { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
