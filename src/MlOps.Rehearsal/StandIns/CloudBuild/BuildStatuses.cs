namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>The google.devtools.cloudbuild.v1.Build.Status values a triggered build goes through here.</summary>
internal static class BuildStatuses
{
    public const string Queued = "QUEUED";
    public const string Working = "WORKING";
    public const string Success = "SUCCESS";
    public const string Failure = "FAILURE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string Cancelled = "CANCELLED";

    public static bool IsFinal(string status) => status is Success or Failure or InternalError or Cancelled;
}
