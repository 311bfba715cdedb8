using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Jobs;

/// <summary>
/// Runs a custom job as Vertex AI moves it along: QUEUED, then PENDING and RUNNING half an operation delay apart, then
/// the worker's exit code decides SUCCEEDED or FAILED (code 13, naming the replica and the status, as Vertex AI words
/// it). Cancelling ends it CANCELLED with code 1, wherever it was.
/// </summary>
internal sealed class CustomJobRunner(StandInState state)
{
    public void Start(CustomJobRecord job) => state.Background.Run(async stopping =>
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping, job.Cancellation.Token);
        var step = state.Options.OperationDelay / 2;
        try
        {
            await Task.Delay(step, state.Options.Time, run.Token);
            Enter(job, JobStates.Pending);
            await Task.Delay(step, state.Options.Time, run.Token);
            Enter(job, JobStates.Running);
            var exitCode = state.Options.Containers is { } containers ? await containers.RunJobAsync(JobLaunches.Build(job), run.Token) : 0;
            if (job.Cancellation.IsCancellationRequested)
            {
                Cancelled(job);
            }
            else
            {
                Enter(job, exitCode == 0 ? JobStates.Succeeded : JobStates.Failed, exitCode == 0 ? null : RpcErrors.Status(
                    RpcCode.Internal,
                    $"The replica {JobLaunches.Replica} exited with a non-zero status of {exitCode}. To find out more about why your job exited please check the logs of the job."));
            }
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            Cancelled(job);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The stand-in is stopping; the job stays where it was.
        }
        catch (Exception e)
        {
            Enter(job, JobStates.Failed, RpcErrors.Status(RpcCode.Internal, $"The replica {JobLaunches.Replica} could not be run: {e.Message}"));
        }
    });

    private void Cancelled(CustomJobRecord job) => Enter(job, JobStates.Cancelled, RpcErrors.Status(RpcCode.Cancelled, "CANCELED"));

    private void Enter(CustomJobRecord job, string next, System.Text.Json.Nodes.JsonObject? error = null)
    {
        lock (state.Gate)
        {
            // A cancellation asked for meanwhile holds the job in CANCELLING until it ends.
            if (!JobStates.IsFinal(next) && job.State == JobStates.Cancelling)
            {
                return;
            }

            job.Enter(next, state.Now, error);
        }
    }
}
