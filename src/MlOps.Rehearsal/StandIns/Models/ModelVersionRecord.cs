using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>One version of a model: what was uploaded for it, its aliases and its evaluations. Visible once its upload is done.</summary>
internal sealed class ModelVersionRecord(string versionId, JsonObject uploaded, DateTimeOffset createTime)
{
    public string VersionId { get; } = versionId;

    /// <summary>The Model as uploaded, without what only the server sets.</summary>
    public JsonObject Uploaded { get; } = uploaded;

    public DateTimeOffset CreateTime { get; } = createTime;

    public DateTimeOffset UpdateTime { get; set; } = createTime;

    public bool Ready { get; set; }

    public List<string> Aliases { get; } = [];

    public List<EvaluationRecord> Evaluations { get; } = [];

    public string DisplayName => Uploaded.Str("displayName") ?? "";

    public IReadOnlyDictionary<string, string> Labels => Uploaded.StringMap("labels");
}
