using System.Collections.Concurrent;
using MlOps.Core.Packaging;
using MlOps.Core.Scoring;

namespace MlOps.Predictor.Serving;

/// <summary>A loaded, verified model version: its package, its request parser and a pool of feature batches.</summary>
public sealed class DeployedVersion(string model, int version, string packageUri, ModelPackage package, DateTimeOffset loadedAt)
{
    private readonly ConcurrentBag<FeatureBatch> _batches = [];

    public string Model { get; } = model;

    public int Version { get; } = version;

    public string VersionText { get; } = version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string PackageUri { get; } = packageUri;

    public ModelPackage Package { get; } = package;

    public InstanceParser Parser { get; } = new(package.Schema);

    /// <summary>The strings of every answer of this version, JSON-encoded once.</summary>
    internal AnswerTexts Answer { get; } = new(model, version.ToString(System.Globalization.CultureInfo.InvariantCulture), package);

    public DateTimeOffset LoadedAt { get; } = loadedAt;

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
