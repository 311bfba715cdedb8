namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// Runs a build as Cloud Build moves it along: QUEUED for <see cref="CloudBuildStandInOptions.QueueDelay"/>, then WORKING
/// while <see cref="CloudBuildStandInOptions.Runner"/> runs it, then SUCCESS or FAILURE as the runner says, INTERNAL_ERROR
/// when the runner throws. A build cancelled meanwhile is already CANCELLED and stays so, whatever the runner answers.
/// </summary>
internal sealed class BuildRunner(CloudBuildState state)
{
    public void Start(BuildRecord build) => state.Background.Run(async stopping =>
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping, build.Cancellation.Token);
        var time = state.Options.Time;
        try
        {
            await Task.Delay(state.Options.QueueDelay, time, run.Token);
            Enter(build, BuildStatuses.Working);
            var outcome = state.Options.Runner is { } runner
                ? await runner.RunAsync(build.Launch, run.Token)
                : await Succeed(state.Options.QueueDelay, time, run.Token);
            switch (outcome)
            {
                case BuildRunOutcome.Failed failed:
                    Enter(build, BuildStatuses.Failure, failed.Detail, failed);
                    break;
                default:
                    Enter(build, BuildStatuses.Success);
                    break;
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Cancelled (the build is CANCELLED already), or the stand-in is stopping and the build stays where it was.
        }
        catch (Exception e)
        {
            Enter(build, BuildStatuses.InternalError, $"The build could not be run: {e.Message}");
        }
    });

    /// <summary>Without a runner a build works for one queue delay and succeeds.</summary>
    private static async Task<BuildRunOutcome> Succeed(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, time, cancellationToken);
        return BuildRunOutcome.Success;
    }

    private void Enter(BuildRecord build, string status, string? detail = null, BuildRunOutcome.Failed? failure = null)
    {
        lock (state.Gate)
        {
            build.Enter(status, state.Now, detail, failure);
        }
    }
}
