using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>A model version as GetModel answers it: the uploaded fields, with the version's identity and times.</summary>
internal static class ModelJson
{
    /// <param name="versionInName">ListModelVersions names each version <c>…/models/{model}@{version}</c>; the other methods give the model's name.</param>
    public static JsonObject Render(ModelRecord model, ModelVersionRecord version, bool versionInName = false) =>
        new JsonObject
        {
            ["name"] = versionInName ? $"{model.Name}@{version.VersionId}" : model.Name,
            ["versionId"] = version.VersionId,
            ["versionAliases"] = version.Aliases.ToJson(),
            ["versionCreateTime"] = ProtoTime.Format(version.CreateTime),
            ["versionUpdateTime"] = ProtoTime.Format(version.UpdateTime),
        }
        .With(version.Uploaded)
        .With(new JsonObject
        {
            ["supportedDeploymentResourcesTypes"] = new JsonArray("DEDICATED_RESOURCES"),
            ["createTime"] = ProtoTime.Format(model.CreateTime),
            ["updateTime"] = ProtoTime.Format(model.UpdateTime),
            ["etag"] = Etags.Of(model.Name + "@" + version.VersionId, version.UpdateTime),
        });
}
