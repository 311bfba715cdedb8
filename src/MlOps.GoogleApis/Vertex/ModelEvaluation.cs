using System.Text.Json.Nodes;

namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ModelEvaluation: metrics in the shape its schema names.</summary>
public sealed record ModelEvaluation
{
    public string? Name { get; init; }

    public required string DisplayName { get; init; }

    public required string MetricsSchemaUri { get; init; }

    public required JsonObject Metrics { get; init; }

    public DateTimeOffset? CreateTime { get; init; }
}
