using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.Rehearsal.StandIns;

/// <summary>The project and location the Cloud Build stand-in serves, who may call it, the triggers that exist and what runs their builds.</summary>
public sealed record CloudBuildStandInOptions
{
    /// <summary>Every resource name must be in this project; another one is refused 403 PERMISSION_DENIED, as Google does.</summary>
    public required string Project { get; init; }

    /// <summary>The region of the triggers and builds; a name in another one is 404 NOT_FOUND.</summary>
    public required string Location { get; init; }

    /// <summary>The project's number, as builds' log URLs and <c>PROJECT_NUMBER</c> give it; the project ID stands in when null.</summary>
    public string? ProjectNumber { get; init; }

    /// <summary>The principal a bearer access token stands for (e.g. <c>serviceAccount:deployer@p.iam.gserviceaccount.com</c>); null for a token Google would not accept.</summary>
    public required Func<string, string?> Principal { get; init; }

    /// <summary>The IAM permissions each principal holds; null allows every principal everything.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? Permissions { get; init; }

    /// <summary>The triggers that exist; running any other is 404 NOT_FOUND.</summary>
    public IReadOnlyList<StandInTrigger> Triggers { get; init; } = [];

    /// <summary>Runs each build's steps once it is WORKING; null runs every build to SUCCESS a queue delay after it starts working.</summary>
    public IBuildRunner? Runner { get; init; }

    /// <summary>How long a build stays QUEUED before it is WORKING.</summary>
    public TimeSpan QueueDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where the certificate's PEM file is written; a temporary folder (removed on dispose) when null.</summary>
    public string? WorkFolder { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
