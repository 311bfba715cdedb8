using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>
/// ModelService's ImportModelEvaluation and ListModelEvaluations. An evaluation belongs to the version its parent
/// names (<c>…/models/{model}@{version}</c>, the default version without one), and is named
/// <c>…/models/{model}/evaluations/{id}</c>.
/// </summary>
internal sealed class EvaluationsApi(StandInState state)
{
    public Task<JsonNode> ImportAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var sent = request.Obj("modelEvaluation")!;
        lock (state.Gate)
        {
            var (model, version) = ModelReference.Resolve(state, request.Str("parent")!);
            var evaluation = new EvaluationRecord($"{model.Name}/evaluations/{state.Ids.Next()}", sent.Input("google.cloud.aiplatform.v1.ModelEvaluation"), state.Now);
            version.Evaluations.Add(evaluation);
            return Task.FromResult<JsonNode>(evaluation.ToJson());
        }
    }

    public Task<JsonNode> ListAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        Unimplemented.Refuse(request, "filter", "readMask");
        lock (state.Gate)
        {
            var (_, version) = ModelReference.Resolve(state, request.Str("parent")!);
            var page = Paging.Page(version.Evaluations, request, out var next);
            var response = new JsonObject { ["modelEvaluations"] = new JsonArray([.. page.Select(e => (JsonNode)e.ToJson())]) };
            if (next is not null)
            {
                response["nextPageToken"] = next;
            }

            return Task.FromResult<JsonNode>(response);
        }
    }
}
