using System.Collections.Concurrent;
using MlOps.Contracts.Api;
using MlOps.Core.Packaging;
using MlOps.Core.Scoring;

namespace MlOps.Predictor.Serving;

/// <summary>A loaded, verified model version and its live counters.</summary>
public sealed class DeployedVersion(string model, int version, string packageUri, ModelPackage package, DateTimeOffset loadedAt)
{
    private readonly ConcurrentBag<FeatureBatch> _batches = [];
    private long _requests;
    private long _instances;
    private long _errors;

    public string Model { get; } = model;

    public int Version { get; } = version;

    public string VersionText { get; } = version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string PackageUri { get; } = packageUri;

    public ModelPackage Package { get; } = package;

    public InstanceParser Parser { get; } = new(package.Schema);

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public void CountRequest(int instances)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _instances, instances);
    }

    public void CountError() => Interlocked.Increment(ref _errors);

    public VersionStats Stats(int percent) =>
        new(Version, PackageUri, percent, Interlocked.Read(ref _requests), Interlocked.Read(ref _instances), Interlocked.Read(ref _errors), LoadedAt);

    public FeatureBatch RentBatch()
    {
        if (_batches.TryTake(out var batch))
        {
            batch.Clear();
            return batch;
        }

        return new FeatureBatch(Package.Schema);
    }

    public void ReturnBatch(FeatureBatch batch) => _batches.Add(batch);
}
