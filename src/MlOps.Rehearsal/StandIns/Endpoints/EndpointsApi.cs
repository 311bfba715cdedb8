using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Operations;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>EndpointService: CreateEndpoint, GetEndpoint and UpdateEndpoint.</summary>
internal sealed partial class EndpointsApi(StandInState state, OperationRunner operations)
{
    private const string V1 = "google.cloud.aiplatform.v1.";

    /// <summary>The fields UpdateEndpoint's mask may name here.</summary>
    private static readonly string[] Updatable = ["displayName", "description", "labels", "trafficSplit"];

    /// <summary>Takes the ID at once (409 if it is taken); the endpoint exists for callers when the operation is done.</summary>
    public Task<JsonNode> CreateAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var sent = request.Obj("endpoint")!;
        var endpointId = request.Str("endpointId");
        var violations = new List<FieldViolation>();
        if (endpointId is not null && !EndpointId().IsMatch(endpointId))
        {
            violations.Add(new FieldViolation("endpointId", "An endpoint ID is up to 63 of [a-z0-9-] starting with a letter and ending with a letter or digit, or up to 9 digits without a leading zero."));
        }

        Labels.Check(sent.Obj("labels"), "endpoint.labels", violations);
        TrafficSplits.Check(sent.IntMap("trafficSplit"), [], "endpoint.trafficSplit", violations);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        lock (state.Gate)
        {
            var id = endpointId ?? state.Ids.Next();
            var name = state.Names.Endpoint(id);
            if (state.Endpoints.ContainsKey(id))
            {
                throw RpcErrors.AlreadyExists("Endpoint", name);
            }

            var endpoint = new EndpointRecord(id, name, sent.Input(V1 + "Endpoint", "trafficSplit", "etag"), state.Now);
            state.Endpoints[id] = endpoint;
            var operation = operations.Start(name, V1 + "CreateEndpointOperationMetadata", _ => OperationRunner.Ready(done =>
            {
                endpoint.Ready = true;
                endpoint.UpdateTime = state.Now;
                return new OperationSucceeded(Json.Typed(V1 + "Endpoint", EndpointJson.Render(endpoint)));
            }));
            return Task.FromResult<JsonNode>(operation.ToJson());
        }
    }

    public Task<JsonNode> GetAsync(StandInCall call, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            return Task.FromResult<JsonNode>(EndpointJson.Render(Find(state, call.Request.Str("name")!)));
        }
    }

    /// <summary>Applies the masked fields only (AIP-134); an <c>etag</c> that is not the current one is 409 ABORTED.</summary>
    public Task<JsonNode> UpdateAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var sent = request.Obj("endpoint")!;
        var paths = request.Str("updateMask")!.Split(',');
        var violations = new List<FieldViolation>();
        foreach (var path in paths.Where(p => !Updatable.Contains(p)))
        {
            violations.Add(new FieldViolation("updateMask", $"The stand-in updates {string.Join(", ", Updatable)}; not \"{path}\"."));
        }

        if (paths.Contains("displayName") && sent.Str("displayName") is null)
        {
            violations.Add(new FieldViolation("endpoint.displayName", RequiredFields.NotSet));
        }

        if (paths.Contains("labels"))
        {
            Labels.Check(sent.Obj("labels"), "endpoint.labels", violations);
        }

        lock (state.Gate)
        {
            var endpoint = Find(state, sent.Str("name")!);
            var split = sent.IntMap("trafficSplit");
            if (paths.Contains("trafficSplit"))
            {
                TrafficSplits.Check(split, [.. endpoint.DeployedModels.Select(d => d.Id)], "endpoint.trafficSplit", violations);
            }

            if (violations.Count > 0)
            {
                throw RpcErrors.InvalidArgument(violations);
            }

            if (sent.Str("etag") is { } etag && etag != endpoint.Etag)
            {
                throw new RpcException(RpcCode.Aborted, $"The etag \"{etag}\" is not the current etag of the Endpoint \"{endpoint.Name}\"; read it again and retry.");
            }

            foreach (var path in paths.Where(p => p != "trafficSplit"))
            {
                if (sent[path] is { } value)
                {
                    endpoint.Sent[path] = value.DeepClone();
                }
                else
                {
                    endpoint.Sent.Remove(path);
                }
            }

            if (paths.Contains("trafficSplit"))
            {
                endpoint.TrafficSplit = new Dictionary<string, int>(split, StringComparer.Ordinal);
            }

            endpoint.UpdateTime = state.Now;
            return Task.FromResult<JsonNode>(EndpointJson.Render(endpoint));
        }
    }

    /// <summary>The endpoint <paramref name="name"/> names once it exists, or 404 naming it; under the gate.</summary>
    public static EndpointRecord Find(StandInState state, string name) =>
        state.Names.IdIn("endpoints", name) is { } id && state.Endpoints.TryGetValue(id, out var endpoint) && endpoint.Ready
            ? endpoint
            : throw RpcErrors.NotFound("Endpoint", name);

    [GeneratedRegex("^(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?|[1-9][0-9]{0,8})$")]
    private static partial Regex EndpointId();
}
