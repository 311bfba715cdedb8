using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Operations;

/// <summary>
/// Runs long-running operations. Each one prepares (starting a container, say) while its <see cref="VertexAiStandInOptions.OperationDelay"/>
/// runs; once both are over, its commit applies the change under the gate and the operation reports done. So a
/// caller that polls sees <c>done</c> only when the change is visible, and never before the delay has passed.
/// </summary>
internal sealed class OperationRunner(StandInState state)
{
    /// <summary>Starts an operation named <c>{owner}/operations/{id}</c>; called under the gate, which it does not wait on.</summary>
    public OperationRecord Start(string owner, string metadataType, Func<CancellationToken, Task<OperationCommit>> prepare)
    {
        var operation = new OperationRecord($"{owner}/operations/{state.Ids.Next()}", metadataType, state.Now);
        state.Operations[operation.Name] = operation;
        state.Background.Run(async stopping =>
        {
            var delay = Task.Delay(state.Options.OperationDelay, state.Options.Time, stopping);
            OperationCommit commit;
            try
            {
                commit = await prepare(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                commit = _ => new OperationFailed(RpcCode.Internal, e.Message);
            }

            try
            {
                await delay;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (state.Gate)
            {
                operation.Complete(commit(operation), state.Now);
            }
        });
        return operation;
    }

    public static Task<OperationCommit> Ready(OperationCommit commit) => Task.FromResult(commit);
}
