using System.Diagnostics;
using MassTransit;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Trainer.Telemetry;
using MlOps.Trainer.Training;

namespace MlOps.Trainer.Consumers;

/// <summary>Trains on request. A redelivered request whose run already finished publishes that result again instead of retraining.</summary>
public sealed class TrainingRequestedConsumer(TrainingRunner runner, ITrainingBackend backend, TrainingHistory history, TrainerMetrics metrics, IBus bus, TimeProvider time) : IConsumer<TrainingRequested>
{
    public async Task Consume(ConsumeContext<TrainingRequested> context)
    {
        var request = context.Message;

        // A request from the bus is checked as the API checks one: a bad name or path fails the run, naming the field, and touches nothing.
        if (runner.Refusal(request) is { } refused)
        {
            history.Record(new TrainingRun(request.RequestId, request.Model, request.Reason, TrainingRunOutcome.Failed, null, null, null, 0, time.GetUtcNow(), refused.Errors[0], request.DriftAlertId, refused.Errors));
            metrics.Failed(request.Model, 0);
            await context.Publish(refused);
            return;
        }

        if (runner.Completed(request) is { } done)
        {
            await context.Publish(done);
            return;
        }

        // Straight to the bus rather than through the consume context's outbox: watchers should see
        // that training began while it runs, not after.
        await bus.Publish(new TrainingStarted(request.RequestId, request.Model, request.Reason, time.GetUtcNow()), context.CancellationToken);
        var started = time.GetTimestamp();
        var outcome = await backend.RunAsync(request, context.CancellationToken);
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        switch (outcome)
        {
            case TrainingOutcome.Trained(var trained):
                history.Record(new TrainingRun(request.RequestId, request.Model, request.Reason, TrainingRunOutcome.Trained, trained.Metrics.Auc, trained.Champion?.Metrics.Auc, trained.PackageUri, seconds, time.GetUtcNow(), null, request.DriftAlertId));
                metrics.Trained(request.Model, seconds, trained.Metrics.Auc);
                await context.Publish(trained);
                break;
            case TrainingOutcome.Failed(var failed):
                history.Record(new TrainingRun(request.RequestId, request.Model, request.Reason, TrainingRunOutcome.Failed, null, null, null, seconds, time.GetUtcNow(), failed.Errors.FirstOrDefault(), request.DriftAlertId, failed.Errors));
                metrics.Failed(request.Model, seconds);
                await context.Publish(failed);
                break;
            default:
                throw new UnreachableException($"a training run ended in {outcome.GetType().Name}");
        }
    }
}
