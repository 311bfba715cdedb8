using System.Collections.Concurrent;
using MlOps.Core.Packaging;
using MlOps.Platform.Artifacts;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>Model packages by artifact name, loaded once: their schema, baseline and holdout metrics.</summary>
public sealed class PackageCache(ArtifactStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<ModelPackage>> _packages = new(StringComparer.Ordinal);

    public ModelPackage Get(string packageUri)
    {
        var lazy = _packages.GetOrAdd(packageUri, uri => new Lazy<ModelPackage>(() => ModelPackage.Load(store.Resolve(uri))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A package that failed to load may be readable later (a mount catching up): forget the failure.
            _packages.TryRemove(packageUri, out _);
            throw;
        }
    }
}
