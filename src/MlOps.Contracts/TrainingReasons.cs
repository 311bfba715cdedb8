namespace MlOps.Contracts;

/// <summary>Why training was asked for, as <see cref="TrainingRequested.Reason"/> and the lineage carry it.</summary>
public static class TrainingReasons
{
    public const string Initial = "initial";
    public const string Manual = "manual";
    public const string Schedule = "schedule";
    public const string Drift = "drift";

    public static IReadOnlyList<string> All { get; } = [Initial, Manual, Schedule, Drift];
}
