using System.Collections.Concurrent;
using MlOps.Contracts.Api;
using MlOps.Core.Packaging;
using MlOps.Platform.Artifacts;

namespace MlOps.Predictor.Serving;

/// <summary>
/// The models this Predictor serves. Packages are loaded and verified before they take any traffic;
/// a version that does not reproduce its own evaluation is refused and the split stays as it was.
/// </summary>
public sealed class EndpointRegistry(ArtifactStore store, TimeProvider time, ILogger<EndpointRegistry> logger)
{
    private readonly ConcurrentDictionary<string, EndpointState> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, int Version, string Uri), DeployedVersion> _loaded = new();
    private readonly SemaphoreSlim _updates = new(1, 1);

    public bool HasAnyModel => !_endpoints.IsEmpty;

    public EndpointState? Find(string model) => _endpoints.GetValueOrDefault(model);

    public EndpointState? Find(ReadOnlySpan<char> model) =>
        _endpoints.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(model, out var state) ? state : null;

    public IReadOnlyCollection<EndpointState> All => [.. _endpoints.Values];

    /// <summary>Applies a split; returns the problem when it cannot be applied.</summary>
    public async Task<string?> ApplyAsync(string model, TrafficUpdate update, CancellationToken cancellationToken)
    {
        if (Validate(update) is { } invalid)
        {
            return invalid;
        }

        await _updates.WaitAsync(cancellationToken);
        try
        {
            var split = new List<(DeployedVersion, int)>();
            foreach (var target in update.Versions)
            {
                var (version, problem) = await Task.Run(() => Load(model, target), cancellationToken);
                if (version is null)
                {
                    return problem;
                }

                split.Add((version, target.Percent));
            }

            _endpoints[model] = new EndpointState(model, split);
            logger.LogInformation("{Model} now serves {Split}", model, string.Join(", ", update.Versions.Select(v => $"v{v.Version} {v.Percent}%")));
            return null;
        }
        finally
        {
            _updates.Release();
        }
    }

    private static string? Validate(TrafficUpdate update)
    {
        if (update.Versions is not { Count: > 0 })
        {
            return "versions: give at least one version";
        }

        if (update.Versions.Any(v => v.Percent is < 0 or > 100))
        {
            return "versions: each percent must be between 0 and 100";
        }

        if (update.Versions.Sum(v => v.Percent) != 100)
        {
            return $"versions: percents must sum to 100, not {update.Versions.Sum(v => v.Percent)}";
        }

        if (update.Versions.Select(v => v.Version).Distinct().Count() != update.Versions.Count)
        {
            return "versions: a version is listed twice";
        }

        return update.Versions.Any(v => string.IsNullOrWhiteSpace(v.PackageUri)) ? "versions: every version needs a packageUri" : null;
    }

    private (DeployedVersion? Version, string? Problem) Load(string model, TrafficTarget target)
    {
        var key = (model, target.Version, target.PackageUri);
        if (_loaded.TryGetValue(key, out var loaded))
        {
            return (loaded, null);
        }

        try
        {
            var package = ModelPackage.Load(store.Resolve(target.PackageUri));
            var verification = package.Verify();
            if (!verification.Passed)
            {
                logger.LogError("Refused {Model} v{Version}: {Problem}", model, target.Version, verification.Problem);
                return (null, $"v{target.Version} was refused: {verification.Problem}");
            }

            var version = _loaded.GetOrAdd(key, _ => new DeployedVersion(model, target.Version, target.PackageUri, package, time.GetUtcNow()));
            return (version, null);
        }
        catch (Exception e) when (e is PackageException or ArgumentException or IOException)
        {
            logger.LogError(e, "Refused {Model} v{Version}", model, target.Version);
            return (null, $"v{target.Version} could not be loaded: {e.Message}");
        }
    }
}
