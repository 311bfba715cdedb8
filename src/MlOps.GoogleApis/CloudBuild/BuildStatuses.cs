namespace MlOps.GoogleApis.CloudBuild;

/// <summary>The google.devtools.cloudbuild.v1.Build.Status names.</summary>
public static class BuildStatuses
{
    public const string Pending = "PENDING";
    public const string Queued = "QUEUED";
    public const string Working = "WORKING";
    public const string Success = "SUCCESS";
    public const string Failure = "FAILURE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string Timeout = "TIMEOUT";
    public const string Cancelled = "CANCELLED";
    public const string Expired = "EXPIRED";

    /// <summary>Whether a build in <paramref name="status"/> has ended: it will not change again.</summary>
    public static bool IsFinal(string? status) => status is Success or Failure or InternalError or Timeout or Cancelled or Expired;
}
