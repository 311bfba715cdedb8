using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Routing;

namespace MlOps.Rehearsal.StandIns.Operations;

/// <summary>google.longrunning.Operations.GetOperation, as Vertex AI binds it under models, endpoints and locations.</summary>
internal sealed class OperationsApi(StandInState state)
{
    public Task<JsonNode> GetAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var name = call.Request.Str("name")!;
        lock (state.Gate)
        {
            return state.Operations.TryGetValue(name, out var operation)
                ? Task.FromResult<JsonNode>(operation.ToJson())
                : throw RpcErrors.NotFound("Operation", name);
        }
    }
}
