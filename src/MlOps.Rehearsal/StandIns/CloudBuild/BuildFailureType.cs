namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>google.devtools.cloudbuild.v1.Build.FailureInfo.FailureType: why a build failed.</summary>
public enum BuildFailureType
{
    /// <summary>A build step has failed.</summary>
    UserBuildStep,

    /// <summary>The source fetching has failed.</summary>
    FetchSourceFailed,

    /// <summary>Unable to push the image to the repository.</summary>
    PushFailed,

    /// <summary>Final image not found.</summary>
    PushImageNotFound,

    /// <summary>Unauthorized push of the final image.</summary>
    PushNotAuthorized,

    /// <summary>Backend logging failures.</summary>
    LoggingFailure,
}
