using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.GoogleApis.Rest;

namespace MlOps.GoogleApis.CloudBuild;

/// <summary>
/// Cloud Build's REST API (v1), the methods the Deployer calls, on the regional bindings in
/// <see cref="GoogleApiOptions.Project"/> and <see cref="GoogleApiOptions.Location"/>: running a trigger (RunBuildTrigger)
/// and following its operation, reading and cancelling builds, and sending a trigger a webhook event. A trigger is
/// named by its ID or its name, as Cloud Build takes either in the path.
/// </summary>
public sealed class CloudBuildClient(HttpClient http, IOptions<GoogleApiOptions> options, TimeProvider time) : GoogleRestClient(http, "Cloud Build")
{
    private GoogleApiOptions Options => options.Value;

    /// <summary><c>projects/{p}/locations/{l}/triggers/{trigger}</c>.</summary>
    public string TriggerName(string trigger) => $"{Options.Parent}/triggers/{trigger}";

    /// <summary><c>projects/{p}/locations/{l}/builds/{id}</c>.</summary>
    public string BuildName(string id) => $"{Options.Parent}/builds/{id}";

    /// <summary>Starts a build of the trigger on <paramref name="source"/>'s revision with its substitutions; the operation's metadata carries the build.</summary>
    public Task<BuildOperation> RunTriggerAsync(string trigger, RepoSource source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        ArgumentNullException.ThrowIfNull(source);
        var name = TriggerName(trigger);
        return SendAsync<BuildOperation>(HttpMethod.Post, $"v1/{name}:run", new RunBuildTriggerRequest(name, Options.Project!, trigger, source), cancellationToken);
    }

    public Task<BuildOperation> GetOperationAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SendAsync<BuildOperation>(HttpMethod.Get, $"v1/{name}", null, cancellationToken);
    }

    public Task<Build> GetBuildAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return SendAsync<Build>(HttpMethod.Get, $"v1/{BuildName(id)}", null, cancellationToken);
    }

    /// <summary>Cancels a build that is still queued or working; answers the build as it is then.</summary>
    public Task<Build> CancelBuildAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var name = BuildName(id);
        return SendAsync<Build>(HttpMethod.Post, $"v1/{name}:cancel", new CancelBuildRequest(name, Options.Project!, id), cancellationToken);
    }

    /// <summary>
    /// Polls the build every <see cref="GoogleApiOptions.PollMilliseconds"/> until it has ended (<see cref="BuildStatuses.IsFinal"/>),
    /// and answers it as it ended; a <see cref="TimeoutException"/> when it is still going after <paramref name="timeout"/>.
    /// </summary>
    public async Task<Build> WaitForBuildAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var deadline = time.GetUtcNow() + timeout;
        var poll = TimeSpan.FromMilliseconds(Options.PollMilliseconds);
        while (true)
        {
            var build = await GetBuildAsync(id, cancellationToken);
            if (BuildStatuses.IsFinal(build.Status))
            {
                return build;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Cloud Build build {id} was still {build.Status ?? "without a status"} after {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(left < poll ? left : poll, time, cancellationToken);
        }
    }

    /// <summary>Sends the trigger a webhook event (ReceiveTriggerWebhook) carrying <paramref name="payload"/> as its JSON body, authorized by the trigger's <paramref name="secret"/>.</summary>
    public async Task ReceiveWebhookAsync(string trigger, string secret, JsonElement payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        await SendAsync<JsonElement>(HttpMethod.Post, $"v1/{TriggerName(trigger)}:webhook{Query(("secret", secret))}", payload, cancellationToken);
    }
}
