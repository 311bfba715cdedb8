namespace MlOps.GitOps.Validation;

/// <summary>What the <c>&lt;name&gt;</c> segment of a pattern key names, which decides the names it takes.</summary>
public enum PatternName
{
    /// <summary>A feature or a trainer parameter: letters, digits and underscores, not starting with a digit.</summary>
    Identifier,

    /// <summary>A schedule of the DriftWatcher (<see cref="MlOps.Contracts.ScheduleNames"/>).</summary>
    Schedule,
}
