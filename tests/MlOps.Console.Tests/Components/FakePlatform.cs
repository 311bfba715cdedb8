using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.WebConsole.Clients;

namespace MlOps.WebConsole.Tests.Components;

/// <summary>
/// The services as the console reads them, from lists a test fills in. A service named in <see cref="Down"/> fails
/// every read the way <see cref="PlatformClient"/> does when it does not answer.
/// </summary>
internal sealed class FakePlatform() : PlatformClient(new NoHttp())
{
    public List<ModelSummary> Models { get; } = [];

    /// <summary>A model's versions; a model missing here is one the Registry does not know.</summary>
    public Dictionary<string, List<VersionView>> Versions { get; } = [];

    public Dictionary<string, AliasesView> Aliases { get; } = [];

    public Dictionary<string, List<DecisionView>> Decisions { get; } = [];

    public Dictionary<string, List<FailureView>> Failures { get; } = [];

    public List<TrainingRun> Runs { get; } = [];

    public List<DeploymentView> Deployments { get; } = [];

    public DesiredState Fleet { get; set; } = DesiredState.Empty;

    public List<ReplicaView> Replicas { get; } = [];

    public Dictionary<string, DriftStatus> Drift { get; } = [];

    public Dictionary<string, DriftHistory> DriftHistories { get; } = [];

    public Dictionary<string, DriftHistograms> Histograms { get; } = [];

    public HashSet<string> Down { get; } = [];

    /// <summary>The reasons of the rollbacks asked for, in order.</summary>
    public List<string> RollBacks { get; } = [];

    public override Task<List<ModelSummary>> ModelsAsync(CancellationToken cancellationToken) => Read(Registry, Models);

    /// <summary>How many entries a page of versions or decisions holds, as the Registry's pageSize.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The token of an older page of a model's alias history, where one remains.</summary>
    public Dictionary<string, int> OlderAliasMoves { get; } = [];

    public override Task<Paged<List<VersionView>>?> VersionsAsync(string model, int? from, CancellationToken cancellationToken) =>
        Read(Registry, Page(Versions.GetValueOrDefault(model), v => v.Version, from));

    public override Task<VersionView?> VersionAsync(string model, int version, CancellationToken cancellationToken) =>
        Read(Registry, Versions.GetValueOrDefault(model)?.FirstOrDefault(v => v.Version == version));

    public override Task<Paged<AliasesView>?> AliasesAsync(string model, CancellationToken cancellationToken) =>
        Read(Registry, Aliases.GetValueOrDefault(model) is { } aliases ? new Paged<AliasesView>(aliases, OlderAliasMoves.TryGetValue(model, out var older) ? older : null) : null);

    public override Task<Paged<List<DecisionView>>?> DecisionsAsync(string model, int? from, CancellationToken cancellationToken) =>
        Read(Registry, Page(Decisions.GetValueOrDefault(model), d => d.Version, from));

    public override Task<List<FailureView>?> FailuresAsync(string model, CancellationToken cancellationToken) =>
        Read(Registry, Failures.GetValueOrDefault(model));

    public override Task<List<TrainingRun>> RunsAsync(CancellationToken cancellationToken) => Read(Trainer, Runs);

    public override Task<List<DeploymentView>> DeploymentsAsync(string model, CancellationToken cancellationToken) =>
        Read(Deployer, Deployments.Where(d => d.Model == model).ToList());

    public override Task<DesiredState> DesiredStateAsync(CancellationToken cancellationToken) => Read(Deployer, Fleet);

    public override Task<List<ReplicaView>> ReplicasAsync(CancellationToken cancellationToken) => Read(Deployer, Replicas);

    public override Task<DriftStatus?> DriftAsync(string model, CancellationToken cancellationToken) =>
        Read(DriftWatcher, Drift.GetValueOrDefault(model));

    public override Task<DriftHistory?> DriftHistoryAsync(string model, CancellationToken cancellationToken) =>
        Read(DriftWatcher, DriftHistories.GetValueOrDefault(model));

    public override Task<DriftHistograms?> HistogramsAsync(string model, CancellationToken cancellationToken) =>
        Read(DriftWatcher, Histograms.GetValueOrDefault(model));

    public override Task<ActionOutcome> RollBackAsync(string model, string reason, CancellationToken cancellationToken)
    {
        RollBacks.Add(reason);
        return Read(Deployer, ActionOutcome.Done($"Version 2 of {model} is rolled back"));
    }

    // As the Registry pages: newest first from the token down, PageSize entries, and the key of the next one as the older page's token.
    private Paged<List<T>>? Page<T>(List<T>? items, Func<T, int> key, int? from)
    {
        if (items is null)
        {
            return null;
        }

        var rest = items.Where(x => key(x) <= (from ?? int.MaxValue)).OrderByDescending(key).ToList();
        return new Paged<List<T>>([.. rest.Take(PageSize)], rest.Count > PageSize ? key(rest[PageSize]) : null);
    }

    private Task<T> Read<T>(string service, T value) =>
        Down.Contains(service) ? throw new ServiceUnavailableException(service, "connection refused (127.0.0.1:1)") : Task.FromResult(value);

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException($"the fake platform makes no HTTP call ({name})");
    }
}
