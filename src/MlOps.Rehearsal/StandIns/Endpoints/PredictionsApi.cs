using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Routing;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>
/// PredictionService.Predict: picks a deployed model by the traffic split, forwards the body as sent to its
/// container's predict route, records the answer's code and latency for Monitoring, and answers what the container
/// did — a 200 with the deployed model's identity added, an error status in Google's error shape with the
/// container's body as its message, as Vertex AI passes on a custom container's errors.
/// </summary>
internal sealed class PredictionsApi(StandInState state)
{
    public async Task<JsonNode> PredictAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var (endpoint, deployed, container) = Route(call.Request);
        var target = new Uri(container.BaseAddress, deployed.Launch.Container.PredictRoute);
        var started = Stopwatch.GetTimestamp();
        int status;
        string text;
        try
        {
            using var content = new ByteArrayContent(call.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var answer = await state.ContainerHttp.PostAsync(target, content, cancellationToken);
            status = (int)answer.StatusCode;
            text = await answer.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            state.Metrics.Record(endpoint.Id, deployed.Id, 503, Stopwatch.GetElapsedTime(started).TotalMilliseconds, state.Now);
            throw new RpcException(RpcCode.Unavailable, $"The model server of DeployedModel \"{deployed.Id}\" could not be reached: {e.Message}");
        }

        state.Metrics.Record(endpoint.Id, deployed.Id, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, state.Now);
        if (status is < 200 or > 299)
        {
            throw new RpcException(RpcCodes.FromHttpStatus(status), text) { HttpStatus = status };
        }

        if (Parse(text) is not JsonObject prediction)
        {
            throw new RpcException(RpcCode.Internal, $"The model server of DeployedModel \"{deployed.Id}\" answered {status} with a body that is not a JSON object.");
        }

        prediction["deployedModelId"] = deployed.Id;
        prediction["model"] = deployed.Launch.Model;
        prediction["modelVersionId"] = deployed.Launch.ModelVersionId;
        prediction["modelDisplayName"] = deployed.ModelDisplayName;
        return prediction;
    }

    private (EndpointRecord Endpoint, DeployedModelRecord Deployed, IServingContainer Container) Route(JsonObject request)
    {
        lock (state.Gate)
        {
            var endpoint = EndpointsApi.Find(state, request["endpoint"]!.GetValue<string>());
            var candidates = endpoint.TrafficSplit
                .Where(e => e.Value > 0)
                .Select(e => (Deployed: endpoint.DeployedModels.Find(d => d.Id == e.Key), Share: e.Value))
                .Where(c => c.Deployed is not null)
                .ToList();
            if (candidates.Count == 0)
            {
                throw RpcErrors.FailedPrecondition($"The Endpoint \"{endpoint.Name}\" has no DeployedModel that receives traffic.");
            }

            // Weighted by share: a draw in [0, total) falls into one model's share.
            var draw = Random.Shared.Next(candidates.Sum(c => c.Share));
            var chosen = candidates[^1].Deployed!;
            foreach (var (candidate, share) in candidates)
            {
                if (draw < share)
                {
                    chosen = candidate!;
                    break;
                }

                draw -= share;
            }
            var container = chosen.Container
                ?? throw RpcErrors.FailedPrecondition($"The DeployedModel \"{chosen.Id}\" has no serving container: the stand-in was started without VertexAiStandInOptions.Containers.");
            return (endpoint, chosen, container);
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
