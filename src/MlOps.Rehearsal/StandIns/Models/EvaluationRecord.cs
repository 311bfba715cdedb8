using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>An imported ModelEvaluation: what was sent, its name and when it was imported.</summary>
internal sealed class EvaluationRecord(string name, JsonObject imported, DateTimeOffset createTime)
{
    public JsonObject ToJson() =>
        new JsonObject { ["name"] = name }.With(imported).With(new JsonObject { ["createTime"] = ProtoTime.Format(createTime) });
}
