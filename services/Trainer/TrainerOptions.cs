using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlOps.Core.Training;
using MlOps.Platform.Configuration;

namespace MlOps.Trainer;

/// <summary>Bound from <c>Trainer</c>; see docs/configuration.md.</summary>
public sealed class TrainerOptions : ISettings
{
    public static string Section => "Trainer";

    /// <summary>Dataset file or folder of snapshots, relative to the artifact root.</summary>
    [Required]
    public string DataPath { get; set; } = "datasets/taxi-tips";

    [Range(1, 10_000)]
    public int NewestSnapshots { get; set; } = 3;

    /// <summary>Feature schema, relative to the artifact root; a schema.json inside the dataset folder wins.</summary>
    [Required]
    public string SchemaPath { get; set; } = "datasets/taxi-tips/schema.json";

    public TrainerKind Algorithm { get; set; } = TrainerKind.LightGbm;

    public int Seed { get; set; } = 42;

    [Range(0.01, 0.9)]
    public double HoldoutFraction { get; set; } = 0.2;

    /// <summary>Hyper-parameters by name (<c>trees</c>, <c>leaves</c>, …); each must be positive.</summary>
    [ValuesInRange(0.0, double.PositiveInfinity, MinimumIsExclusive = true)]
    public Dictionary<string, double> Parameters { get; set; } = [];

    public CategoricalEncoding CategoricalEncoding { get; set; } = CategoricalEncoding.Auto;

    public TrainingBackend Backend { get; set; } = TrainingBackend.Local;

    [ValidateObjectMembers]
    public CustomJobOptions CustomJob { get; set; } = new();

    /// <summary>The Trainer's own state (which version is champion), relative to the artifact root.</summary>
    public string StatePath { get; set; } = ".state/trainer.json";
}
