namespace MlOps.Rehearsal.StandIns;

/// <summary>What to run for a CustomJob: its first worker pool's container, machine and run-as account.</summary>
public sealed record JobLaunch(
    string Job,
    string DisplayName,
    JobContainerSpec Container,
    string? MachineType,
    string? ServiceAccount,
    IReadOnlyDictionary<string, string> Labels);
