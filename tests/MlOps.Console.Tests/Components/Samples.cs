using MlOps.Contracts;
using MlOps.Contracts.Api;

namespace MlOps.WebConsole.Tests.Components;

/// <summary>Records as the services send them, with only what a test is about left to say.</summary>
internal static class Samples
{
    public const string Model = "trips";
    public static readonly DateTime At = new(2026, 12, 1, 11, 0, 0, DateTimeKind.Utc);

    public static ModelMetrics Metrics(double auc = 0.82, long holdoutRows = 1200) =>
        new(auc, 0.77, 0.71, 0.74, 0.68, 0.49, holdoutRows);

    public static VersionView Version(int version, ModelMetrics? metrics = null) => new(
        version, "Registered", $"models/{Model}/v{version}.zip", Guid.NewGuid(), metrics ?? Metrics(),
        new Lineage("sha256:abc", [$"{Model}-2026-12-01.csv"], 6000, "abc123", "FastTree", 42, TrainingReasons.Manual, null, null),
        At, At);

    public static ModelSummary Summary(string name = Model, int versions = 1) => new(name, versions, 1, 1, At);

    public static TrainingRun Run(TrainingRunOutcome outcome, Guid? alert = null, IReadOnlyList<string>? errors = null, int? version = null) => new(
        Guid.NewGuid(), Model, alert is null ? TrainingReasons.Manual : TrainingReasons.Drift, outcome, outcome == TrainingRunOutcome.Trained ? 0.83 : null, null,
        null, 12.5, At, errors?.FirstOrDefault(), alert, errors, version);

    public static IReadOnlyList<string> Errors(int count) =>
        [.. Enumerable.Range(1, count).Select(row => $"row {row}, column 'payment_type': 'bitcoin' is not one of the allowed values")];
}
