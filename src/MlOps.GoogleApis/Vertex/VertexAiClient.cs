using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.GoogleApis.Rest;

namespace MlOps.GoogleApis.Vertex;

/// <summary>
/// Vertex AI's REST API (v1), the methods the services call: the Model Registry (upload, versions,
/// aliases, evaluations), endpoints (create, deploy, split traffic, undeploy, predict) and custom
/// jobs. Paths follow the methods' <c>google.api.http</c> bindings; long-running operations are
/// followed to the end by <see cref="WaitAsync{T}"/>.
/// </summary>
public sealed class VertexAiClient(HttpClient http, IOptions<GoogleApiOptions> options, TimeProvider time) : GoogleRestClient(http, "Vertex AI")
{
    private GoogleApiOptions Options => options.Value;

    /// <summary><c>projects/{p}/locations/{l}</c>.</summary>
    public string Parent => Options.Parent;

    public string ModelName(string modelId) => $"{Parent}/models/{modelId}";

    public string VersionName(string modelId, string versionId) => $"{ModelName(modelId)}@{versionId}";

    public string EndpointName(string endpointId) => $"{Parent}/endpoints/{endpointId}";

    public Task<Operation> UploadModelAsync(UploadModelRequest request, CancellationToken cancellationToken) =>
        SendAsync<Operation>(HttpMethod.Post, $"v1/{Parent}/models:upload", request, cancellationToken);

    /// <summary>A model version (<c>…/models/m@3</c>, or an alias after the @), or null when there is none.</summary>
    public Task<VertexModel?> FindModelAsync(string name, CancellationToken cancellationToken) =>
        FindAsync<VertexModel>($"v1/{name}", cancellationToken);

    /// <summary>Every version of a model that matches <paramref name="filter"/> (e.g. <c>labels.mlops-version=3</c>); none when the model does not exist.</summary>
    public async Task<IReadOnlyList<VertexModel>> ListVersionsAsync(string modelName, string? filter, CancellationToken cancellationToken)
    {
        var versions = new List<VertexModel>();
        string? page = null;
        do
        {
            var response = await FindAsync<ListModelVersionsResponse>($"v1/{modelName}:listVersions{Query(("filter", filter), ("pageSize", "100"), ("pageToken", page))}", cancellationToken);
            if (response is null)
            {
                return versions;
            }

            versions.AddRange(response.Models ?? []);
            page = response.NextPageToken is { Length: > 0 } next ? next : null;
        }
        while (page is not null);
        return versions;
    }

    public Task<VertexModel> MergeVersionAliasesAsync(string versionName, IReadOnlyList<string> aliases, CancellationToken cancellationToken) =>
        SendAsync<VertexModel>(HttpMethod.Post, $"v1/{versionName}:mergeVersionAliases", new MergeVersionAliasesRequest(aliases), cancellationToken);

    public Task<ModelEvaluation> ImportEvaluationAsync(string versionName, ModelEvaluation evaluation, CancellationToken cancellationToken) =>
        SendAsync<ModelEvaluation>(HttpMethod.Post, $"v1/{versionName}/evaluations:import", new ImportModelEvaluationRequest(evaluation), cancellationToken);

    public async Task<IReadOnlyList<ModelEvaluation>> ListEvaluationsAsync(string versionName, CancellationToken cancellationToken) =>
        (await SendAsync<ListModelEvaluationsResponse>(HttpMethod.Get, $"v1/{versionName}/evaluations", null, cancellationToken)).ModelEvaluations ?? [];

    public Task<Operation> CreateEndpointAsync(string endpointId, VertexEndpoint endpoint, CancellationToken cancellationToken) =>
        SendAsync<Operation>(HttpMethod.Post, $"v1/{Parent}/endpoints{Query(("endpointId", endpointId))}", endpoint, cancellationToken);

    public Task<VertexEndpoint?> FindEndpointAsync(string name, CancellationToken cancellationToken) =>
        FindAsync<VertexEndpoint>($"v1/{name}", cancellationToken);

    public Task<Operation> DeployModelAsync(string endpointName, DeployedModel model, IReadOnlyDictionary<string, int>? trafficSplit, CancellationToken cancellationToken) =>
        SendAsync<Operation>(HttpMethod.Post, $"v1/{endpointName}:deployModel", new DeployModelRequest(model, trafficSplit), cancellationToken);

    public Task<Operation> UndeployModelAsync(string endpointName, string deployedModelId, IReadOnlyDictionary<string, int>? trafficSplit, CancellationToken cancellationToken) =>
        SendAsync<Operation>(HttpMethod.Post, $"v1/{endpointName}:undeployModel", new UndeployModelRequest(deployedModelId, trafficSplit), cancellationToken);

    /// <summary>Replaces the endpoint's traffic split (UpdateEndpoint with the mask <c>trafficSplit</c>).</summary>
    public Task<VertexEndpoint> SetTrafficSplitAsync(VertexEndpoint endpoint, IReadOnlyDictionary<string, int> split, CancellationToken cancellationToken) =>
        SendAsync<VertexEndpoint>(HttpMethod.Patch, $"v1/{endpoint.Name}{Query(("updateMask", "trafficSplit"))}", endpoint with { TrafficSplit = split, DeployedModels = null }, cancellationToken);

    public Task<PredictResponse> PredictAsync(string endpointName, PredictRequest request, CancellationToken cancellationToken) =>
        SendAsync<PredictResponse>(HttpMethod.Post, $"v1/{endpointName}:predict", request, cancellationToken);

    public Task<CustomJob> CreateCustomJobAsync(CustomJob job, CancellationToken cancellationToken) =>
        SendAsync<CustomJob>(HttpMethod.Post, $"v1/{Parent}/customJobs", job, cancellationToken);

    public Task<CustomJob> GetCustomJobAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<CustomJob>(HttpMethod.Get, $"v1/{name}", null, cancellationToken);

    public async Task<IReadOnlyList<CustomJob>> ListCustomJobsAsync(string filter, CancellationToken cancellationToken)
    {
        var jobs = new List<CustomJob>();
        string? page = null;
        do
        {
            var response = await SendAsync<ListCustomJobsResponse>(HttpMethod.Get, $"v1/{Parent}/customJobs{Query(("filter", filter), ("pageToken", page))}", null, cancellationToken);
            jobs.AddRange(response.CustomJobs ?? []);
            page = response.NextPageToken is { Length: > 0 } next ? next : null;
        }
        while (page is not null);
        return jobs;
    }

    public Task CancelCustomJobAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"v1/{name}:cancel", new { }, cancellationToken);

    /// <summary>Polls a custom job until it ends (succeeded, failed, cancelled or expired).</summary>
    public async Task<CustomJob> WaitForJobAsync(string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await GetCustomJobAsync(name, cancellationToken);
            if (job.Finished)
            {
                return job;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Options.PollMilliseconds), time, cancellationToken);
        }
    }

    /// <summary>Follows a long-running operation to its end: its response as <typeparamref name="T"/>, or a <see cref="VertexOperationException"/> with its error.</summary>
    public async Task<T> WaitAsync<T>(Operation operation, CancellationToken cancellationToken)
    {
        while (!operation.Done)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Options.PollMilliseconds), time, cancellationToken);
            operation = await SendAsync<Operation>(HttpMethod.Get, $"v1/{operation.Name}", null, cancellationToken);
        }

        if (operation.Error is { } error)
        {
            throw new VertexOperationException(operation.Name, error);
        }

        return operation.Response is { } response
            ? response.Deserialize<T>(Json) ?? throw new VertexOperationException(operation.Name, new RpcStatus(13, "the operation's response was null"))
            : throw new VertexOperationException(operation.Name, new RpcStatus(13, "the operation finished without a response"));
    }
}
