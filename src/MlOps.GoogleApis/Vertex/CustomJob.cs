using System.Text.Json.Serialization;

namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.CustomJob.</summary>
public sealed record CustomJob
{
    public string? Name { get; init; }

    public required string DisplayName { get; init; }

    public required CustomJobSpec JobSpec { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>google.cloud.aiplatform.v1.JobState by name, e.g. <c>JOB_STATE_SUCCEEDED</c>.</summary>
    public string? State { get; init; }

    public RpcStatus? Error { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    [JsonIgnore]
    public bool Finished => State is JobStates.Succeeded or JobStates.Failed or JobStates.Cancelled or JobStates.Expired;
}
