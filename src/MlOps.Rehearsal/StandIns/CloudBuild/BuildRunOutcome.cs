namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>How a build's steps ended: <see cref="Success"/>, or a <see cref="Failure"/> saying why.</summary>
public abstract record BuildRunOutcome
{
    private BuildRunOutcome()
    {
    }

    public static BuildRunOutcome Success { get; } = new Succeeded();

    /// <param name="detail">What failed, as the build's <c>statusDetail</c> and <c>failureInfo.detail</c> say it.</param>
    public static BuildRunOutcome Failure(string detail, BuildFailureType type = BuildFailureType.UserBuildStep) => new Failed(detail, type);

    /// <summary>The build ends SUCCESS.</summary>
    public sealed record Succeeded : BuildRunOutcome;

    /// <summary>The build ends FAILURE.</summary>
    public sealed record Failed(string Detail, BuildFailureType Type) : BuildRunOutcome;
}
