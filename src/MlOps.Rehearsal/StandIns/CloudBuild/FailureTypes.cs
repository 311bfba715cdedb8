namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>How a <see cref="BuildFailureType"/> is written in a build's <c>failureInfo.type</c>.</summary>
internal static class FailureTypes
{
    public static string WireName(this BuildFailureType type) => type switch
    {
        BuildFailureType.UserBuildStep => "USER_BUILD_STEP",
        BuildFailureType.FetchSourceFailed => "FETCH_SOURCE_FAILED",
        BuildFailureType.PushFailed => "PUSH_FAILED",
        BuildFailureType.PushImageNotFound => "PUSH_IMAGE_NOT_FOUND",
        BuildFailureType.PushNotAuthorized => "PUSH_NOT_AUTHORIZED",
        BuildFailureType.LoggingFailure => "LOGGING_FAILURE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a Build.FailureInfo.FailureType"),
    };
}
