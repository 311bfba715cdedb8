using System.Collections.Concurrent;
using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.StandIns.Tests;

/// <summary>Runs builds as the test says, recording each launch.</summary>
internal sealed class FakeBuildRunner(Func<BuildLaunch, CancellationToken, Task<BuildRunOutcome>> run) : IBuildRunner
{
    private readonly ConcurrentQueue<BuildLaunch> _launches = new();

    public IReadOnlyList<BuildLaunch> Launches => [.. _launches];

    public static FakeBuildRunner Answering(BuildRunOutcome outcome) => new((_, _) => Task.FromResult(outcome));

    public Task<BuildRunOutcome> RunAsync(BuildLaunch launch, CancellationToken cancellationToken)
    {
        _launches.Enqueue(launch);
        return run(launch, cancellationToken);
    }
}
