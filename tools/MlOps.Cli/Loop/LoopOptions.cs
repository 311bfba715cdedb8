using MlOps.Core.Synthetic;

namespace MlOps.Cli.Loop;

/// <summary>The closed loop's knobs; the defaults close it in about a minute on two cores.</summary>
internal sealed record LoopOptions
{
    public string WorkDirectory { get; init; } = Path.Combine(".mlops", "loop");

    public string Model { get; init; } = "taxi-tips";

    public DriftScenario Scenario { get; init; } = DriftScenario.AirportSurge;

    public string Strategy { get; init; } = "canary";

    public int RowsPerSnapshot { get; init; } = 20_000;

    public int Snapshots { get; init; } = 3;

    public double RequestsPerSecond { get; init; } = 400;

    public int Workers { get; init; } = 4;

    /// <summary>Stable traffic before the drift begins, during which no alert may fire.</summary>
    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long after the drift begins its labels land: ground truth lags live traffic.</summary>
    public TimeSpan LabelDelay { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public int Seed { get; init; } = 7;

    public bool Verbose { get; init; }

    /// <summary>Service settings on top of the loop's defaults, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public IDictionary<string, string?> ServiceSettings() => new Dictionary<string, string?>
    {
        ["Trainer:DataPath"] = DatasetPath,
        ["Trainer:SchemaPath"] = $"{DatasetPath}/schema.json",
        ["Trainer:NewestSnapshots"] = Snapshots.ToString(),
        ["Deployer:Strategy"] = Strategy,
        ["Deployer:Canary:TrafficPercent"] = "20",
        ["Deployer:Canary:HealthyPredictions"] = "300",
        ["Deployer:PollMilliseconds"] = "200",
        ["DriftWatcher:WindowSize"] = "400",
        ["DriftWatcher:MinimumSamples"] = "200",
        ["DriftWatcher:CooldownSeconds"] = "120",
        ["Predictor:LogSampling"] = "1.0",
    }.Concat(Settings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    public string DatasetPath => $"datasets/{Model}";
}
