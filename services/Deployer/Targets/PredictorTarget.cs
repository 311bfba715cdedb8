using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Contracts.Api;

namespace MlOps.Deployer.Targets;

/// <summary>A Predictor reached over HTTP through its admin API (service discovery name <c>predictor</c>).</summary>
public sealed class PredictorTarget(HttpClient http, ILogger<PredictorTarget> logger) : IEndpointTarget
{
    public async Task<string?> ApplyAsync(string model, IReadOnlyList<TrafficShare> split, CancellationToken cancellationToken)
    {
        try
        {
            var update = new TrafficUpdate([.. split.Select(s => new TrafficTarget(s.Version, s.PackageUri, s.Percent))]);
            using var response = await http.PutAsJsonAsync($"/admin/endpoints/{Uri.EscapeDataString(model)}", update, ApiJson.Options, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return problem.TryGetProperty("detail", out var detail) ? detail.GetString() : $"the Predictor answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"the Predictor could not be reached: {e.Message}";
        }
    }

    public async Task<IReadOnlyList<VersionHealth>?> ReadHealthAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/admin/endpoints/{Uri.EscapeDataString(model)}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }

            response.EnsureSuccessStatusCode();
            var view = await response.Content.ReadFromJsonAsync<EndpointView>(ApiJson.Options, cancellationToken);
            return view?.Versions.Select(v => new VersionHealth(v.Version, v.Percent, v.Requests, v.Errors)).ToList();
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Could not read the Predictor's counters for {Model}: {Message}", model, e.Message);
            return null;
        }
    }
}
