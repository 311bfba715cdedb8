namespace MlOps.Rehearsal.StandIns.Jobs;

/// <summary>The google.cloud.aiplatform.v1.JobState values a CustomJob goes through here.</summary>
internal static class JobStates
{
    public const string Queued = "JOB_STATE_QUEUED";
    public const string Pending = "JOB_STATE_PENDING";
    public const string Running = "JOB_STATE_RUNNING";
    public const string Succeeded = "JOB_STATE_SUCCEEDED";
    public const string Failed = "JOB_STATE_FAILED";
    public const string Cancelling = "JOB_STATE_CANCELLING";
    public const string Cancelled = "JOB_STATE_CANCELLED";

    public static bool IsFinal(string state) => state is Succeeded or Failed or Cancelled;
}
