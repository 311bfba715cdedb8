using System.Security.Cryptography.X509Certificates;
using MlOps.Rehearsal.StandIns.Endpoints;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Jobs;
using MlOps.Rehearsal.StandIns.Models;
using MlOps.Rehearsal.StandIns.Monitoring;
using MlOps.Rehearsal.StandIns.Operations;
using MlOps.Rehearsal.StandIns.Routing;

namespace MlOps.Rehearsal.StandIns;

/// <summary>
/// A local HTTPS stand-in for the Vertex AI REST API (v1) and Cloud Monitoring's ListTimeSeries, on one listener: a
/// client is pointed at <see cref="Url"/> as both roots and trusts <see cref="CertificatePath"/> as an extra root.
/// Every request is checked against Google's documented shapes (bindings, query parameters, body fields and their
/// JSON types, REQUIRED fields, IAM permissions) and answered as Google answers, errors in Google's JSON error shape;
/// answers leave out default values as Google's JSON printer does (so a pending operation has no <c>done</c>).
/// See <see cref="StandInDispatcher{TApis}"/> for the order of the checks.
/// </summary>
public sealed class VertexAiStandIn : IAsyncDisposable
{
    private const string Service = "Vertex AI";

    private readonly StandInListener _listener;
    private readonly StandInState _state;
    private readonly BackgroundWork _background;
    private readonly HttpClient _containers;
    private readonly FaultBook _faults = new(Service);
    private readonly RequestLog _log = new();

    private VertexAiStandIn(VertexAiStandInOptions options)
    {
        _background = new BackgroundWork();
        _containers = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        _state = new StandInState(options, _background, _containers);
        var operations = new OperationRunner(_state);
        var apis = new StandInApis(
            new ModelsApi(_state, operations),
            new EvaluationsApi(_state),
            new EndpointsApi(_state, operations),
            new DeploymentsApi(_state, operations),
            new PredictionsApi(_state),
            new CustomJobsApi(_state, new CustomJobRunner(_state)),
            new OperationsApi(_state),
            new MonitoringApi(_state));
        var service = new StandInService(Service, options.Project, options.Location, options.Principal, options.Permissions);
        var dispatcher = new StandInDispatcher<StandInApis>(service, StandInRoutes.All, apis, _faults, _log);
        _listener = new StandInListener(Service, options.WorkFolder, dispatcher.HandleAsync);
    }

    /// <summary>
    /// Each binding (<c>POST /v1/{parent=projects/*/locations/*}/models:upload</c>) and the IAM permission it needs.
    /// Getting an operation needs the get permission of what it belongs to (<c>aiplatform.models.get</c> under a model,
    /// <c>aiplatform.endpoints.get</c> under an endpoint, <c>aiplatform.operations.list</c> under a location).
    /// </summary>
    public static IReadOnlyDictionary<string, string> PermissionOf { get; } = StandInRoutes.All.ToDictionary(r => r.Rule.Key, r => r.Permission, StringComparer.Ordinal);

    /// <summary><c>https://127.0.0.1:{port}/</c>: the root of both the Vertex AI and the Monitoring API.</summary>
    public Uri Url => _listener.Url;

    /// <summary>A PEM file of <see cref="Certificate"/>, for clients to trust as an extra root.</summary>
    public string CertificatePath => _listener.CertificatePath;

    public X509Certificate2 Certificate => _listener.Certificate;

    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>How many requests an injected fault has answered.</summary>
    public int FaultsServed => _faults.Served;

    public static async Task<VertexAiStandIn> StartAsync(VertexAiStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Project);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Location);
        ArgumentNullException.ThrowIfNull(options.Principal);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OperationDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DeploymentTimeout, TimeSpan.Zero);

        var standIn = new VertexAiStandIn(options);
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

    /// <summary>Stops listening, then the operations and jobs under way, then every serving container still running.</summary>
    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync();
        await _background.DisposeAsync();
        await _state.Serving.StopAllAsync();

        _containers.Dispose();
        await _listener.DisposeAsync();
    }
}
