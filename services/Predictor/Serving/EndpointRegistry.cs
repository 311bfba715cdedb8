using System.Collections.Concurrent;
using MlOps.Contracts.Fleet;
using MlOps.Core.Packaging;
using MlOps.Platform.Artifacts;

namespace MlOps.Predictor.Serving;

/// <summary>
/// The models this replica serves, at the revision of the fleet's desired state it last applied. A
/// model's new split takes traffic only once every version in it has loaded and reproduced its own
/// evaluation; a refused version takes none, the model keeps its previous split, and the refusal is
/// reported. Versions that no split names are evicted.
/// </summary>
public sealed class EndpointRegistry(ArtifactStore store, TimeProvider time, ILogger<EndpointRegistry> logger)
{
    private readonly ConcurrentDictionary<string, EndpointState> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, int Version, string Uri), DeployedVersion> _loaded = new();
    private readonly SemaphoreSlim _updates = new(1, 1);
    private volatile IReadOnlyList<Refusal> _refusals = [];
    private volatile IReadOnlyList<string> _unserved = [];
    private long _revision = -1;
    private long _appliedAtTicks;

    /// <summary>The revision applied last; -1 before any.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>When a desired state was applied last, or null before any: the replica knows what to serve once it is set.</summary>
    public DateTimeOffset? AppliedAt => Interlocked.Read(ref _appliedAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public bool HasAnyModel => !_endpoints.IsEmpty;

    public IReadOnlyList<Refusal> Refusals => _refusals;

    /// <summary>Models the applied desired state names that this replica cannot answer for (every version it was given was refused).</summary>
    public IReadOnlyList<string> Unserved => _unserved;

    public EndpointState? Find(string model) => _endpoints.GetValueOrDefault(model);

    public EndpointState? Find(ReadOnlySpan<char> model) =>
        _endpoints.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(model, out var state) ? state : null;

    public IReadOnlyCollection<EndpointState> All => [.. _endpoints.Values];

    /// <summary>Makes this replica serve <paramref name="desired"/>; returns the versions it refused.</summary>
    public async Task<IReadOnlyList<Refusal>> ApplyAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        await _updates.WaitAsync(cancellationToken);
        try
        {
            var refusals = new List<Refusal>();
            foreach (var split in desired.Models)
            {
                if (_endpoints.TryGetValue(split.Model, out var current) && current.Generation == split.Generation)
                {
                    continue;
                }

                if (SplitRules.Problem(split) is { } invalid)
                {
                    refusals.Add(new Refusal(split.Model, split.Versions.FirstOrDefault()?.Version ?? 0, split.Generation, invalid));
                    continue;
                }

                if (await BuildAsync(split, refusals, cancellationToken) is { } state)
                {
                    _endpoints[split.Model] = state;
                    logger.LogInformation("{Model} now serves {Split} (generation {Generation})", split.Model,
                        string.Join(", ", split.Versions.Select(v => v.Role == SplitRole.Shadow ? $"v{v.Version} shadow" : $"v{v.Version} {v.Percent}%")), split.Generation);
                }
            }

            foreach (var model in _endpoints.Keys.Where(m => desired.Models.All(s => s.Model != m)).ToList())
            {
                _endpoints.TryRemove(model, out _);
                logger.LogInformation("{Model} is no longer served", model);
            }

            Evict();
            _refusals = refusals;
            _unserved = [.. desired.Models.Select(m => m.Model).Where(m => !_endpoints.ContainsKey(m))];
            Interlocked.Exchange(ref _revision, desired.Revision);
            Interlocked.Exchange(ref _appliedAtTicks, time.GetUtcNow().UtcTicks);
            return refusals;
        }
        finally
        {
            _updates.Release();
        }
    }

    /// <summary>Each version's counters for its model's current generation, for the Deployer.</summary>
    public IReadOnlyList<VersionReport> Report() =>
    [
        .. from state in _endpoints.Values
           from served in state.All
           select served.Counters.Report(state.Model, served.Version.Version, state.Generation, served.Shadow?.Report()),
    ];

    private async Task<EndpointState?> BuildAsync(ModelSplit split, List<Refusal> refusals, CancellationToken cancellationToken)
    {
        // A split's versions load side by side: a replica joining mid-canary is ready in the time of its slowest package, not their sum.
        var loads = await Task.WhenAll(split.Versions.Select(entry => Task.Run(() => Load(split.Model, entry), cancellationToken)));
        var serving = new List<ServedVersion>();
        ServedVersion? shadow = null;
        foreach (var (entry, (version, problem)) in split.Versions.Zip(loads))
        {
            if (version is null)
            {
                refusals.Add(new Refusal(split.Model, entry.Version, split.Generation, problem!));
                return null;
            }

            var served = new ServedVersion(version, entry.Percent, entry.Role);
            if (entry.Role == SplitRole.Shadow)
            {
                shadow = served;
            }
            else
            {
                serving.Add(served);
            }
        }

        return new EndpointState(split.Model, split.Generation, serving, shadow);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _located = new(StringComparer.Ordinal);

    /// <summary>The package named <paramref name="uri"/> is a copy at <paramref name="path"/> (served from Vertex AI's copy, say): loaded from there, named and logged as <paramref name="uri"/>.</summary>
    public void Locate(string uri, string path) => _located[uri] = path;

    private (DeployedVersion? Version, string? Problem) Load(string model, SplitEntry entry)
    {
        var key = (model, entry.Version, entry.PackageUri);
        if (_loaded.TryGetValue(key, out var loaded))
        {
            return (loaded, null);
        }

        try
        {
            var package = ModelPackage.Load(_located.TryGetValue(entry.PackageUri, out var path) ? path : store.Resolve(entry.PackageUri));
            var verification = package.Verify();
            if (!verification.Passed)
            {
                logger.LogError("Refused {Model} v{Version}: {Problem}", model, entry.Version, verification.Problem);
                return (null, $"v{entry.Version} was refused: {verification.Problem}");
            }

            return (_loaded.GetOrAdd(key, _ => new DeployedVersion(model, entry.Version, entry.PackageUri, package, time.GetUtcNow())), null);
        }
        catch (Exception e) when (e is PackageException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Refused {Model} v{Version}", model, entry.Version);
            return (null, $"v{entry.Version} could not be loaded: {e.Message}");
        }
    }

    private void Evict()
    {
        var kept = _endpoints.Values.SelectMany(s => s.All).Select(s => s.Version).ToHashSet();
        foreach (var (key, version) in _loaded)
        {
            if (!kept.Contains(version))
            {
                _loaded.TryRemove(key, out _);
                logger.LogInformation("Evicted {Model} v{Version}: no split names it", version.Model, version.Version);
            }
        }
    }
}
