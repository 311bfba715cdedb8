using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;

namespace MlOps.WebConsole.Clients;

/// <summary>
/// The services' HTTP APIs as the console reads and calls them, through the shared contracts. Each service is found
/// by service discovery (<c>services:&lt;name&gt;:http:0</c>); calls carry an ID token for the callee when
/// <c>MlOps:Identity:Tokens</c> says so.
/// </summary>
public class PlatformClient(IHttpClientFactory clients)
{
    public const string Registry = "registry";
    public const string Trainer = "trainer";
    public const string Deployer = "deployer";
    public const string DriftWatcher = "drift-watcher";

    public static IReadOnlyList<string> Services { get; } = [Registry, Trainer, Deployer, DriftWatcher];

    public virtual Task<List<ModelSummary>> ModelsAsync(CancellationToken cancellationToken) =>
        GetAsync<List<ModelSummary>>(Registry, "/api/models", cancellationToken)!;

    /// <summary>A page of the model's versions, newest first, from version <paramref name="from"/> down (the newest when null).</summary>
    public virtual Task<Paged<List<VersionView>>?> VersionsAsync(string model, int? from, CancellationToken cancellationToken) =>
        GetPageOrNullAsync<List<VersionView>>(Registry, $"/api/models/{Escape(model)}/versions{From(from)}", cancellationToken);

    public virtual Task<VersionView?> VersionAsync(string model, int version, CancellationToken cancellationToken) =>
        GetOrNullAsync<VersionView>(Registry, $"/api/models/{Escape(model)}/versions/{version}", cancellationToken);

    /// <summary>The aliases and the newest page of their history.</summary>
    public virtual Task<Paged<AliasesView>?> AliasesAsync(string model, CancellationToken cancellationToken) =>
        GetPageOrNullAsync<AliasesView>(Registry, $"/api/models/{Escape(model)}/aliases", cancellationToken);

    /// <summary>A page of the gate's decisions, newest first, from version <paramref name="from"/> down (the newest when null).</summary>
    public virtual Task<Paged<List<DecisionView>>?> DecisionsAsync(string model, int? from, CancellationToken cancellationToken) =>
        GetPageOrNullAsync<List<DecisionView>>(Registry, $"/api/models/{Escape(model)}/decisions{From(from)}", cancellationToken);

    public virtual Task<List<FailureView>?> FailuresAsync(string model, CancellationToken cancellationToken) =>
        GetOrNullAsync<List<FailureView>>(Registry, $"/api/models/{Escape(model)}/failures", cancellationToken);

    public virtual async Task<List<TrainingRun>> RunsAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<TrainingRun>>(Trainer, "/api/training/runs", cancellationToken) ?? [];

    public virtual async Task<List<DeploymentView>> DeploymentsAsync(string model, CancellationToken cancellationToken) =>
        await GetAsync<List<DeploymentView>>(Deployer, $"/api/deployments?model={Escape(model)}", cancellationToken) ?? [];

    public virtual async Task<DesiredState> DesiredStateAsync(CancellationToken cancellationToken) =>
        await GetAsync<DesiredState>(Deployer, "/api/fleet", cancellationToken) ?? DesiredState.Empty;

    public virtual async Task<List<ReplicaView>> ReplicasAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<ReplicaView>>(Deployer, "/api/fleet/replicas", cancellationToken) ?? [];

    public virtual Task<DriftStatus?> DriftAsync(string model, CancellationToken cancellationToken) =>
        GetOrNullAsync<DriftStatus>(DriftWatcher, $"/api/drift/{Escape(model)}", cancellationToken);

    public virtual Task<DriftHistory?> DriftHistoryAsync(string model, CancellationToken cancellationToken) =>
        GetOrNullAsync<DriftHistory>(DriftWatcher, $"/api/drift/{Escape(model)}/windows", cancellationToken);

    public virtual Task<DriftHistograms?> HistogramsAsync(string model, CancellationToken cancellationToken) =>
        GetOrNullAsync<DriftHistograms>(DriftWatcher, $"/api/drift/{Escape(model)}/histograms", cancellationToken);

    /// <summary>Asks the Trainer for a new version on the newest snapshots.</summary>
    public virtual async Task<ActionOutcome> RetrainAsync(string model, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(Trainer, HttpMethod.Post, "/api/training", new TrainingRequest(model, TrainingReasons.Manual), cancellationToken);
        return answer.Ok && answer.Body is { } body && body.Deserialize<TrainingAccepted>(ApiJson.Options) is { } accepted
            ? ActionOutcome.Done($"Training of {model} requested: run {accepted.RequestId}", accepted.RequestId.ToString())
            : answer.Outcome("the Trainer did not accept the retraining");
    }

    /// <summary>Makes a version champion by hand; the Deployer rolls it out.</summary>
    public virtual async Task<ActionOutcome> PromoteAsync(string model, int version, string reason, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(Registry, HttpMethod.Put, $"/api/models/{Escape(model)}/aliases/champion", new ManualPromotion(version, reason), cancellationToken);
        return answer.Ok
            ? ActionOutcome.Done($"Version {version} of {model} is champion; the Deployer rolls it out")
            : answer.Outcome($"the Registry did not promote version {version}");
    }

    /// <summary>Takes the model's newest version out of traffic.</summary>
    public virtual async Task<ActionOutcome> RollBackAsync(string model, string reason, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(Deployer, HttpMethod.Post, $"/api/deployments/{Escape(model)}/rollback", new RollbackRequest(reason), cancellationToken);
        return answer.Ok && answer.Body is { } body && body.Deserialize<DeploymentView>(ApiJson.Options) is { } rolled
            ? ActionOutcome.Done($"Version {rolled.Version} of {model} is rolled back")
            : answer.Outcome("nothing was rolled back");
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string From(int? from) => from is { } token ? $"?pageToken={token}" : "";

    private async Task<T?> GetAsync<T>(string service, string path, CancellationToken cancellationToken)
    {
        using var response = await Send(service, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceUnavailableException(service, $"GET {path} answered HTTP {(int)response.StatusCode}{await DetailAsync(response, cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken);
    }

    private async Task<T?> GetOrNullAsync<T>(string service, string path, CancellationToken cancellationToken)
        where T : class =>
        (await GetPageOrNullAsync<T>(service, path, cancellationToken))?.Value;

    // The Registry pages long lists newest first and names the next, older page in a Link header (rel="next").
    private async Task<Paged<T>?> GetPageOrNullAsync<T>(string service, string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await Send(service, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceUnavailableException(service, $"GET {path} answered HTTP {(int)response.StatusCode}{await DetailAsync(response, cancellationToken)}");
        }

        var value = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken);
        return value is null ? null : new Paged<T>(value, OlderPage(response));
    }

    /// <summary>The pageToken of the Link header's rel="next" page, or null when the list ends here.</summary>
    internal static int? OlderPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var headers))
        {
            return null;
        }

        foreach (var link in headers.SelectMany(h => h.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !parts[1..].Contains("rel=\"next\"", StringComparer.OrdinalIgnoreCase) || !parts[0].StartsWith('<') || !parts[0].EndsWith('>'))
            {
                continue;
            }

            var target = parts[0][1..^1];
            var at = target.IndexOf('?');
            if (at >= 0 && QueryHelpers.ParseQuery(target[at..]).TryGetValue("pageToken", out var token) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var next))
            {
                return next;
            }
        }

        return null;
    }

    private async Task<Answer> SendAsync(string service, HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options) };
        using var response = await Send(service, request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }

        return new Answer(response.IsSuccessStatusCode, (int)response.StatusCode, json, text);
    }

    private async Task<HttpResponseMessage> Send(string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.CreateClient(service).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ServiceUnavailableException(service, e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnavailableException(service, $"no answer in time ({e.Message})");
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return Problem(text) is { } detail ? $": {detail}" : "";
    }

    private static string? Problem(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var parts = new List<string>();
            if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                parts.Add(detail.GetString()!);
            }
            else if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            {
                parts.Add(title.GetString()!);
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join("; ", e.Value.EnumerateArray().Select(v => v.GetString()))}"));
            }

            return parts.Count > 0 ? string.Join(" — ", parts) : null;
        }
        catch (JsonException)
        {
            return text.Length is > 0 and < 300 ? text : null;
        }
    }

    private sealed record Answer(bool Ok, int Status, JsonElement? Body, string Text)
    {
        public ActionOutcome Outcome(string title) =>
            ActionOutcome.Failed($"{title}: HTTP {Status}{(Problem(Text) is { } detail ? $" — {detail}" : "")}");
    }
}

/// <summary>
/// One page of a list the Registry pages newest first, and <paramref name="Older"/>, the token of the next, older
/// page (null when nothing older remains).
/// </summary>
public sealed record Paged<T>(T Value, int? Older);

/// <summary>What an action did, in words for the page.</summary>
public sealed record ActionOutcome(bool Succeeded, string Message, string? Reference = null)
{
    public static ActionOutcome Done(string message, string? reference = null) => new(true, message, reference);

    public static ActionOutcome Failed(string message) => new(false, message);
}

/// <summary>A service the console reads did not answer as it should.</summary>
public sealed class ServiceUnavailableException(string service, string problem) : Exception($"{service}: {problem}")
{
    public string Service { get; } = service;
}
