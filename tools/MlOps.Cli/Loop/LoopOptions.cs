using MlOps.Core.Synthetic;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.Platform.Configuration;
using MlOps.Predictor;
using MlOps.Trainer;

namespace MlOps.Cli.Loop;

/// <summary>The closed loop's knobs; the defaults close it in about 20 seconds on two cores.</summary>
internal sealed record LoopOptions
{
    public string WorkDirectory { get; init; } = Path.Combine(".mlops", "loop");

    public string Model { get; init; } = "taxi-tips";

    public DriftScenario Scenario { get; init; } = DriftScenario.AirportSurge;

    public RolloutStrategy Strategy { get; init; } = RolloutStrategy.Canary;

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

    /// <summary>Serve the console at the services' address (what <c>--serve</c> asks for).</summary>
    public bool Console { get; init; }

    /// <summary>Service settings on top of the loop's defaults, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public IDictionary<string, string?> ServiceSettings() => new Dictionary<string, string?>
    {
        [SettingKey.For<TrainerOptions>(o => o.DataPath)] = DatasetPath,
        [SettingKey.For<TrainerOptions>(o => o.SchemaPath)] = $"{DatasetPath}/schema.json",
        [SettingKey.For<TrainerOptions>(o => o.NewestSnapshots)] = Snapshots.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [SettingKey.For<DeployerOptions>(o => o.Strategy)] = Strategy.ToString(),
        [SettingKey.For<DeployerOptions>(o => o.Canary.TrafficPercent)] = "20",
        [SettingKey.For<DeployerOptions>(o => o.Canary.HealthyPredictions)] = "300",
        [SettingKey.For<DeployerOptions>(o => o.PollMilliseconds)] = "200",
        [SettingKey.For<DriftWatcherOptions>(o => o.WindowSize)] = "400",
        [SettingKey.For<DriftWatcherOptions>(o => o.MinimumSamples)] = "200",
        [SettingKey.For<DriftWatcherOptions>(o => o.CooldownSeconds)] = "120",
        [SettingKey.For<PredictorOptions>(o => o.LogSampling)] = "1.0",
    }.Concat(Settings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    public string DatasetPath => $"datasets/{Model}";
}
