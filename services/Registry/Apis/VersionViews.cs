using System.Text.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Model;

namespace MlOps.Registry.Apis;

internal static class VersionViews
{
    public static VersionView From(ModelVersion v) => new(
        v.Version,
        v.Status.ToString(),
        v.PackageUri,
        v.RequestId,
        StoredMetrics.Of(v),
        new Lineage(v.DatasetFingerprint, JsonSerializer.Deserialize<List<string>>(v.DatasetFiles) ?? [], v.DatasetRows, v.CodeVersion, v.Trainer, v.Seed, v.Reason, v.DriftAlertId, v.ParentVersion, StoredMetrics.Read<Dictionary<string, double>>(v.Parameters)),
        v.TrainedAt,
        v.RegisteredAt,
        v.VertexModelVersion is { } vertex ? new VertexMirrorView(vertex, v.VertexEvaluation, v.VertexMirroredAt ?? v.RegisteredAt) : null);
}
