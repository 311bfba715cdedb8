using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Models;
using MlOps.Rehearsal.StandIns.Operations;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>
/// EndpointService's DeployModel and UndeployModel. A deployment starts the version's container and waits for its
/// health route to answer 200 before the model joins the endpoint and the traffic split changes; an undeployment
/// takes the model out of the endpoint first and stops its container after.
/// </summary>
internal sealed partial class DeploymentsApi(StandInState state, OperationRunner operations)
{
    private const string V1 = "google.cloud.aiplatform.v1.";

    /// <summary>
    /// A non-empty <c>trafficSplit</c> replaces the endpoint's (<c>"0"</c> standing for the model being deployed); an
    /// empty one leaves it alone, except that the first model deployed to an endpoint takes all of its traffic.
    /// </summary>
    public Task<JsonNode> DeployAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var sent = request.Obj("deployedModel")!;
        var split = request.IntMap("trafficSplit");
        var modelName = sent.Str("model");
        var id = sent.Str("id");
        var violations = new List<FieldViolation>();
        if (modelName is null)
        {
            violations.Add(new FieldViolation("deployedModel.model", RequiredFields.NotSet));
        }
        else if (ModelReference.Parse(modelName, state.Names) is null)
        {
            violations.Add(new FieldViolation("deployedModel.model", $"A model is named {state.Names.Location}/models/{{model}}, optionally with @{{version ID or alias}}."));
        }

        DeployedModelChecks.CheckResources(sent, violations);
        if (id is not null && !DeployedModelId().IsMatch(id))
        {
            violations.Add(new FieldViolation("deployedModel.id", "A DeployedModel ID is 1 to 10 digits."));
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        lock (state.Gate)
        {
            var endpoint = EndpointsApi.Find(state, request.Str("endpoint")!);
            var (model, version) = ModelReference.Resolve(state, modelName!);
            if (id is not null && endpoint.DeployedModels.Exists(d => d.Id == id))
            {
                throw new RpcException(RpcCode.AlreadyExists, $"The Endpoint \"{endpoint.Name}\" already has a DeployedModel \"{id}\".");
            }

            TrafficSplits.Check(split, [.. endpoint.DeployedModels.Select(d => d.Id), "0"], "trafficSplit", violations);
            if (violations.Count > 0)
            {
                throw RpcErrors.InvalidArgument(violations);
            }

            var deployedModelId = id ?? state.Ids.Next();
            var launch = ServingLaunches.Build(state, endpoint, deployedModelId, model, version, sent);
            var deployed = new DeployedModelRecord(deployedModelId, sent.Input(V1 + "DeployedModel", "id", "model"), launch, version.DisplayName, state.Now);
            var operation = operations.Start(endpoint.Name, V1 + "DeployModelOperationMetadata", stopping => PrepareAsync(endpoint, deployed, split, stopping));
            operation.DeploymentStage = "STARTING_DEPLOYMENT";
            return Task.FromResult<JsonNode>(operation.ToJson());
        }
    }

    /// <summary>
    /// A model that still receives traffic is refused (FAILED_PRECONDITION) unless <c>trafficSplit</c> gives its share
    /// to the others, or it is the endpoint's last model; the last one leaves the split empty.
    /// </summary>
    public Task<JsonNode> UndeployAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var id = request.Str("deployedModelId")!;
        var split = request.IntMap("trafficSplit");
        lock (state.Gate)
        {
            var endpoint = EndpointsApi.Find(state, request.Str("endpoint")!);
            var deployed = endpoint.DeployedModels.Find(d => d.Id == id && !d.Undeploying)
                ?? throw new RpcException(RpcCode.NotFound, $"The DeployedModel \"{id}\" does not exist in the Endpoint \"{endpoint.Name}\".");
            var others = endpoint.DeployedModels.Where(d => d != deployed).Select(d => d.Id).ToList();
            var rest = split.Where(e => e.Key != id).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var violations = new List<FieldViolation>();
            if (split.GetValueOrDefault(id) > 0)
            {
                violations.Add(new FieldViolation($"trafficSplit[{id}]", "The DeployedModel being undeployed can receive no traffic."));
            }

            TrafficSplits.Check(rest, others, "trafficSplit", violations);
            if (violations.Count > 0)
            {
                throw RpcErrors.InvalidArgument(violations);
            }

            if (split.Count == 0 && others.Count > 0 && endpoint.TrafficSplit.GetValueOrDefault(id) is > 0 and var share)
            {
                throw RpcErrors.FailedPrecondition($"The DeployedModel \"{id}\" receives {share}% of the traffic of the Endpoint \"{endpoint.Name}\"; undeploy it with a trafficSplit that gives its share to the other DeployedModels.");
            }

            deployed.Undeploying = true;
            var operation = operations.Start(endpoint.Name, V1 + "UndeployModelOperationMetadata", _ => OperationRunner.Ready(done =>
            {
                endpoint.DeployedModels.Remove(deployed);
                endpoint.TrafficSplit = endpoint.DeployedModels.Count == 0 ? new(StringComparer.Ordinal)
                    : split.Count > 0 ? rest
                    : endpoint.TrafficSplit.Where(e => e.Key != id).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                endpoint.UpdateTime = state.Now;
                Stop(deployed);
                return new OperationSucceeded(Json.Typed(V1 + "UndeployModelResponse", []));
            }));
            return Task.FromResult<JsonNode>(operation.ToJson());
        }
    }

    private async Task<OperationCommit> PrepareAsync(EndpointRecord endpoint, DeployedModelRecord deployed, Dictionary<string, int> split, CancellationToken stopping)
    {
        if (state.Options.Containers is not { } containers)
        {
            return operation => Commit(operation, endpoint, deployed, split);
        }

        IServingContainer container;
        try
        {
            container = await containers.StartServingAsync(deployed.Launch, stopping);
            state.Serving.Started(container);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            return Failed($"The model server of DeployedModel \"{deployed.Id}\" failed to start: {e.Message}");
        }

        var route = deployed.Launch.Container.HealthRoute;
        HealthVerdict verdict;
        try
        {
            verdict = await HealthProbe.WaitAsync(state.ContainerHttp, new Uri(container.BaseAddress, route), state.Options.DeploymentTimeout, state.Options.Time, stopping);
        }
        catch (OperationCanceledException)
        {
            await state.Serving.StopAsync(container);
            throw;
        }

        if (!verdict.Healthy)
        {
            await state.Serving.StopAsync(container);
            return Failed($"The model server of DeployedModel \"{deployed.Id}\" never became ready: within {state.Options.DeploymentTimeout.TotalSeconds:0.#} s its health route {route} answered {verdict.LastAnswer}, never HTTP 200.");
        }

        deployed.Container = container;
        return operation => Commit(operation, endpoint, deployed, split);
    }

    private OperationResult Commit(OperationRecord operation, EndpointRecord endpoint, DeployedModelRecord deployed, Dictionary<string, int> split)
    {
        // The split was checked when the deployment was asked for; another call may have changed the endpoint since.
        var violations = new List<FieldViolation>();
        TrafficSplits.Check(split, [.. endpoint.DeployedModels.Select(d => d.Id), "0"], "trafficSplit", violations);
        if (violations.Count > 0)
        {
            Stop(deployed);
            return Failed(string.Join(" ", violations.Select(v => v.Description)))(operation);
        }

        endpoint.DeployedModels.Add(deployed);
        if (split.Count > 0)
        {
            endpoint.TrafficSplit = split.ToDictionary(e => e.Key == "0" ? deployed.Id : e.Key, e => e.Value, StringComparer.Ordinal);
        }
        else if (endpoint.DeployedModels.Count == 1)
        {
            endpoint.TrafficSplit = new(StringComparer.Ordinal) { [deployed.Id] = 100 };
        }

        endpoint.UpdateTime = state.Now;
        operation.DeploymentStage = "SUCCESSFULLY_DEPLOYED";
        return new OperationSucceeded(Json.Typed(V1 + "DeployModelResponse", new JsonObject { ["deployedModel"] = EndpointJson.Render(deployed) }));
    }

    private static OperationCommit Failed(string message) => operation =>
    {
        operation.DeploymentStage = "FAILED_TO_DEPLOY";
        return new OperationFailed(RpcCode.FailedPrecondition, message);
    };

    private void Stop(DeployedModelRecord deployed)
    {
        if (deployed.Container is { } container)
        {
            deployed.Container = null;
            state.Background.Run(_ => state.Serving.StopAsync(container));
        }
    }

    [GeneratedRegex("^[0-9]{1,10}$")]
    private static partial Regex DeployedModelId();
}
