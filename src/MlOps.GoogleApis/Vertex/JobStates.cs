namespace MlOps.GoogleApis.Vertex;

/// <summary>The google.cloud.aiplatform.v1.JobState names we act on.</summary>
public static class JobStates
{
    public const string Succeeded = "JOB_STATE_SUCCEEDED";
    public const string Failed = "JOB_STATE_FAILED";
    public const string Cancelled = "JOB_STATE_CANCELLED";
    public const string Expired = "JOB_STATE_EXPIRED";
}
