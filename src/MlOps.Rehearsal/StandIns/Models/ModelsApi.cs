using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Operations;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>ModelService: UploadModel, GetModel, ListModelVersions and MergeVersionAliases.</summary>
internal sealed partial class ModelsApi(StandInState state, OperationRunner operations)
{
    private const string V1 = "google.cloud.aiplatform.v1.";

    /// <summary>
    /// Adds a version to <c>parentModel</c>, or creates the model <c>modelId</c> (409 if it exists), or one with a
    /// numeric ID. The version's number and the model's ID are taken at once; the version becomes visible, with
    /// <c>default</c> if it is the model's first and with its own aliases moved to it, when the operation is done.
    /// </summary>
    public Task<JsonNode> UploadAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var sent = request.Obj("model")!;
        var modelId = request.Str("modelId");
        var parentModel = request.Str("parentModel");
        var aliases = sent.Strings("versionAliases");
        var violations = new List<FieldViolation>();
        if (modelId is not null && !ModelId().IsMatch(modelId))
        {
            violations.Add(new FieldViolation("modelId", "The model ID may be up to 63 characters of [a-z0-9_-], the first neither a digit nor a hyphen."));
        }

        var parent = parentModel is null ? null : ModelReference.Parse(parentModel, state.Names);
        if (parentModel is not null && parent is not { Version: null })
        {
            violations.Add(new FieldViolation("parentModel", $"The parent model must be named {state.Names.Location}/models/{{model}}, without a version."));
        }

        if (parent is not null && modelId is not null && modelId != parent.Id)
        {
            violations.Add(new FieldViolation("modelId", $"The model ID \"{modelId}\" is not the ID of the parent model \"{parentModel}\"."));
        }

        if (sent.Obj("containerSpec") is null)
        {
            violations.Add(new FieldViolation("model.containerSpec", RequiredFields.NotSet));
        }

        VersionAliases.Check(aliases, "model.versionAliases", violations);
        Labels.Check(sent.Obj("labels"), "model.labels", violations);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        lock (state.Gate)
        {
            var model = Target(parent, parentModel, modelId);
            var version = new ModelVersionRecord((model.Versions.Count + 1).ToString(CultureInfo.InvariantCulture), sent.Input(V1 + "Model", "name", "versionAliases", "etag"), state.Now);
            model.Versions.Add(version);
            var operation = operations.Start(model.Name, V1 + "UploadModelOperationMetadata", _ => OperationRunner.Ready(done =>
            {
                if (!model.Ready)
                {
                    version.Aliases.Add(ModelRecord.DefaultAlias);
                }

                foreach (var alias in aliases)
                {
                    VersionAliases.Move(model, version, alias);
                }

                version.Ready = true;
                model.UpdateTime = version.UpdateTime = state.Now;
                return new OperationSucceeded(Json.Typed(V1 + "UploadModelResponse", new JsonObject { ["model"] = model.Name, ["modelVersionId"] = version.VersionId }));
            }));
            return Task.FromResult<JsonNode>(operation.ToJson());
        }
    }

    public Task<JsonNode> GetAsync(StandInCall call, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            var (model, version) = ModelReference.Resolve(state, call.Request.Str("name")!);
            return Task.FromResult<JsonNode>(ModelJson.Render(model, version));
        }
    }

    /// <summary>The ready versions, oldest first, that match a labels filter; each named <c>…/models/{model}@{version}</c>.</summary>
    public Task<JsonNode> ListVersionsAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        Unimplemented.Refuse(request, "readMask", "orderBy");
        var filter = ListFilter.Parse(request);
        var name = request.Str("name")!;
        lock (state.Gate)
        {
            var reference = ModelReference.Parse(name, state.Names);
            if (reference is null || !state.Models.TryGetValue(reference.Id, out var model) || !model.Ready)
            {
                throw RpcErrors.NotFound("Model", name);
            }

            var versions = model.Versions.Where(v => v.Ready && filter.Matches(_ => null, v.Labels)).ToList();
            var page = Paging.Page(versions, request, out var next);
            var response = new JsonObject { ["models"] = new JsonArray([.. page.Select(v => (JsonNode)ModelJson.Render(model, v, versionInName: true))]) };
            if (next is not null)
            {
                response["nextPageToken"] = next;
            }

            return Task.FromResult<JsonNode>(response);
        }
    }

    /// <summary>
    /// <c>alias</c> gives the alias to this version (taking it from another), <c>-alias</c> takes it away; <c>default</c>
    /// can only be moved, never removed. Adding and removing the same alias cancel out, as model_service.proto says.
    /// </summary>
    public Task<JsonNode> MergeVersionAliasesAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var name = request.Str("name")!;
        var entries = request.Strings("versionAliases");
        var violations = new List<FieldViolation>();
        if (ModelReference.Parse(name, state.Names) is not { Version: not null })
        {
            violations.Add(new FieldViolation("name", $"The model version must be named {state.Names.Location}/models/{{model}}@{{version}}."));
        }

        VersionAliases.Check([.. entries.Select(e => e.TrimStart('-'))], "versionAliases", violations);
        if (entries.Contains("-" + ModelRecord.DefaultAlias))
        {
            violations.Add(new FieldViolation("versionAliases", "The default alias cannot be removed; give it to another version instead."));
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        var added = entries.Where(e => !e.StartsWith('-')).ToHashSet(StringComparer.Ordinal);
        var removed = entries.Where(e => e.StartsWith('-')).Select(e => e[1..]).ToHashSet(StringComparer.Ordinal);
        var both = added.Intersect(removed).ToList();
        added.ExceptWith(both);
        removed.ExceptWith(both);
        lock (state.Gate)
        {
            var (model, version) = ModelReference.Resolve(state, name);
            foreach (var alias in added)
            {
                VersionAliases.Move(model, version, alias);
            }

            version.Aliases.RemoveAll(removed.Contains);
            model.UpdateTime = version.UpdateTime = state.Now;
            return Task.FromResult<JsonNode>(ModelJson.Render(model, version));
        }
    }

    private ModelRecord Target(ModelReference? parent, string? parentModel, string? modelId)
    {
        if (parent is not null)
        {
            return state.Models.TryGetValue(parent.Id, out var existing) && existing.Ready ? existing : throw RpcErrors.NotFound("Model", parentModel!);
        }

        var id = modelId ?? state.Ids.Next();
        if (state.Models.ContainsKey(id))
        {
            throw RpcErrors.AlreadyExists("Model", state.Names.Model(id));
        }

        var model = new ModelRecord(state.Names.Model(id), state.Now);
        state.Models[id] = model;
        return model;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,62}$")]
    private static partial Regex ModelId();
}
