using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Registry.Gate;
using MlOps.Registry.Infrastructure;

/// <summary>
/// A model's training history as the Trainer reports it: each challenger with its full holdout metrics
/// (confusion matrix, a 64-point ROC curve, hyper-parameters) and the champion evaluated on the same
/// holdout. The champion's AUC decays with drift, so promotions keep happening, and each promotion is
/// followed by its completed deployment, as the Deployer reports it.
/// </summary>
internal sealed class History(string model, int seed)
{
    private static readonly Dictionary<string, double> Parameters = new() { ["trees"] = 100, ["leaves"] = 20, ["minLeaf"] = 10, ["learningRate"] = 0.2 };
    private static readonly string[] Reasons = [TrainingReasons.Schedule, TrainingReasons.Schedule, TrainingReasons.Drift, TrainingReasons.Manual];

    private readonly Random _random = new(seed);
    private (int Version, double Auc, string Package, int Since)? _champion;
    private int _trained;

    public int? Champion => _champion?.Version;

    public int Promotions { get; private set; }

    /// <summary>
    /// Registers versions through the Registry's own code, as the consumer and the deployment consumer do,
    /// committing every <paramref name="batch"/> registrations at once so that seeding does not wait on a disk flush per version.
    /// </summary>
    public async Task SeedAsync(IServiceProvider services, int versions, int batch = 100)
    {
        for (var done = 0; done < versions; done += batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = done; i < Math.Min(versions, done + batch); i++)
            {
                var trained = Next();
                var registration = await registry.RegisterAsync(trained, CancellationToken.None);
                if (registration.Outcome is GateOutcome.Promoted(var promoted))
                {
                    _champion = (promoted.Version, trained.Metrics.Auc, trained.PackageUri, _trained);
                    Promotions++;
                    await registry.MarkServingAsync(new DeploymentCompleted(Guid.NewGuid(), model, promoted.Version, trained.PackageUri, "canary", DateTimeOffset.UtcNow), CancellationToken.None);
                }

                // Each message has a unit of work of its own in the service; a batch's growing change tracker would make every save slower.
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync();
        }
    }

    /// <summary>The next challenger, compared with the current champion on its own holdout.</summary>
    public ModelTrained Next()
    {
        _trained++;
        var auc = _random.NextDouble() < 0.02 ? 0.60 + _random.NextDouble() * 0.09 : 0.80 + _random.NextDouble() * 0.10;
        var champion = _champion is { } c
            ? new ChampionEvaluation(c.Version, c.Package, Metrics(c.Auc - 0.002 * (_trained - c.Since) + Noise()))
            : null;
        var reason = Reasons[_random.Next(Reasons.Length)];
        return new ModelTrained(
            Guid.NewGuid(),
            model,
            $"packages/{model}/{Guid.NewGuid():N}",
            Metrics(auc),
            champion,
            new Lineage($"sha256:{_random.NextInt64():x16}", [$"{model}-2026-{_trained % 12 + 1:00}-01.csv", $"{model}-2026-{(_trained + 1) % 12 + 1:00}-01.csv"], 250_000 + _random.Next(50_000), "1.4.2+bench", "FastTree", _random.Next(), reason, reason == TrainingReasons.Drift ? Guid.NewGuid() : null, champion?.Version, Parameters),
            DateTimeOffset.UtcNow);
    }

    private double Noise() => (_random.NextDouble() - 0.5) * 0.01;

    private ModelMetrics Metrics(double auc)
    {
        var bend = Math.Max(0.05, (1 - auc) / auc);
        List<RocPoint> roc = [.. Enumerable.Range(0, 64).Select(i => i / 63.0).Select(x => new RocPoint(x, Math.Pow(x, bend), 1 - x))];
        var positives = 12_500 + _random.Next(500);
        var negatives = 37_500 + _random.Next(500);
        var tp = (long)(positives * (auc - 0.05));
        var tn = (long)(negatives * (auc + 0.02));
        var fp = negatives - tn;
        var fn = positives - tp;
        var precision = (double)tp / (tp + fp);
        var recall = (double)tp / (tp + fn);
        return new ModelMetrics(auc, (double)(tp + tn) / (positives + negatives), 2 * precision * recall / (precision + recall), precision, recall, 0.3 + (0.9 - auc), positives + negatives, new ConfusionMatrix(tp, fp, tn, fn), roc);
    }
}
