using System.Security.Cryptography.X509Certificates;
using MlOps.Rehearsal.StandIns.CloudBuild;
using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns;

/// <summary>
/// A local HTTPS stand-in for Cloud Build's REST API (v1): running triggers (<c>triggers:run</c>, and webhook events
/// with <c>triggers:webhook</c>), reading and cancelling builds, and following their long-running operations. A
/// client is pointed at <see cref="Url"/> as its root and trusts <see cref="CertificatePath"/> as an extra root.
/// Every request is checked as <see cref="VertexAiStandIn"/> checks its own, on the same framework (bindings, body
/// fields and their JSON types against the transcribed protos, IAM permissions; see <see cref="StandInDispatcher{TApis}"/>),
/// and answered as Cloud Build answers; each build's steps are run by <see cref="CloudBuildStandInOptions.Runner"/>.
/// </summary>
public sealed class CloudBuildStandIn : IAsyncDisposable
{
    private const string Service = "Cloud Build";

    private readonly StandInListener _listener;
    private readonly CloudBuildState _state;
    private readonly BackgroundWork _background = new();
    private readonly FaultBook _faults = new(Service);
    private readonly RequestLog _log = new();

    private CloudBuildStandIn(CloudBuildStandInOptions options)
    {
        _state = new CloudBuildState(options, _background);
        var apis = new CloudBuildApis(new TriggersApi(_state, new BuildRunner(_state)), new BuildsApi(_state));
        var service = new StandInService(Service, options.Project, options.Location, options.Principal, options.Permissions);
        var dispatcher = new StandInDispatcher<CloudBuildApis>(service, CloudBuildRoutes.All, apis, _faults, _log);
        _listener = new StandInListener(Service, options.WorkFolder, dispatcher.HandleAsync);
    }

    /// <summary>Each binding (<c>POST /v1/{name=projects/*/locations/*/triggers/*}:run</c>) and the IAM permission it needs.</summary>
    public static IReadOnlyDictionary<string, string> PermissionOf { get; } = CloudBuildRoutes.All.ToDictionary(r => r.Rule.Key, r => r.Permission, StringComparer.Ordinal);

    /// <summary><c>https://127.0.0.1:{port}/</c>: the root of the Cloud Build API.</summary>
    public Uri Url => _listener.Url;

    /// <summary>A PEM file of <see cref="Certificate"/>, for clients to trust as an extra root.</summary>
    public string CertificatePath => _listener.CertificatePath;

    public X509Certificate2 Certificate => _listener.Certificate;

    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>How many requests an injected fault has answered.</summary>
    public int FaultsServed => _faults.Served;

    /// <summary>Every build run so far, in the order they were created, as each is now.</summary>
    public IReadOnlyList<StandInBuild> Builds
    {
        get
        {
            lock (_state.Gate)
            {
                return [.. _state.Builds.Values.Select(b => b.Snapshot())];
            }
        }
    }

    public static async Task<CloudBuildStandIn> StartAsync(CloudBuildStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Project);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Location);
        ArgumentNullException.ThrowIfNull(options.Principal);
        ArgumentNullException.ThrowIfNull(options.Triggers);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueDelay, TimeSpan.Zero);
        CheckTriggers(options.Triggers);

        var standIn = new CloudBuildStandIn(options);
        try
        {
            await standIn._listener.StartAsync(cancellationToken);
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Answers the next <see cref="StandInFault.Times"/> matching requests with the fault instead.</summary>
    public void Inject(StandInFault fault) => _faults.Add(fault);

    /// <summary>Stops listening, then the builds under way (they stay where they were).</summary>
    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync();
        await _background.DisposeAsync();
        await _listener.DisposeAsync();
    }

    private static void CheckTriggers(IReadOnlyList<StandInTrigger> triggers)
    {
        foreach (var trigger in triggers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(trigger.Id, nameof(CloudBuildStandInOptions.Triggers));
            ArgumentException.ThrowIfNullOrWhiteSpace(trigger.Name, nameof(CloudBuildStandInOptions.Triggers));
            ArgumentException.ThrowIfNullOrWhiteSpace(trigger.Branch, nameof(CloudBuildStandInOptions.Triggers));
            if (trigger.Substitutions.Keys.FirstOrDefault(k => !Substitutions.IsUserKey(k)) is { } key)
            {
                throw new ArgumentException($"The trigger {trigger.Name}'s substitution {key} is not a user substitution ({Substitutions.UserKeyFormat}).", nameof(triggers));
            }
        }

        var names = triggers.SelectMany(t => new[] { t.Id, t.Name }.Distinct()).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw new ArgumentException($"Two triggers are named or identified {names.Key}.", nameof(triggers));
        }
    }
}
