using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using MlOps.Contracts;

namespace MlOps.Cli.Loop;

/// <summary>Every message published in the process, with the time since the loop began, and what the loop itself did.</summary>
internal sealed class Timeline : IPublishObserver
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<TimelineEvent> _events = new();

    public event Action<TimelineEvent>? Added;

    public IReadOnlyCollection<TimelineEvent> Events => [.. _events];

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Note(string service, string what, string detail) => Add(new TimelineEvent(_clock.Elapsed, service, what, detail, null));

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        if (context.Message is not PredictionLogEntry)
        {
            var (service, detail) = Describe(context.Message);
            Add(new TimelineEvent(_clock.Elapsed, service, typeof(T).Name, detail, context.Message));
        }

        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    /// <summary>Waits for the first message of type <typeparamref name="T"/> matching the predicate.</summary>
    public async Task<T> WaitFor<T>(Func<T, bool> match, TimeSpan timeout, CancellationToken cancellationToken, Func<object, string?>? failure = null)
        where T : class
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            foreach (var e in _events)
            {
                if (e.Message is T message && match(message))
                {
                    return message;
                }

                if (e.Message is not null && failure?.Invoke(e.Message) is { } reason)
                {
                    throw new LoopFailedException(reason);
                }
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new LoopFailedException($"waited {timeout.TotalSeconds:F0} s for {typeof(T).Name} and it did not come");
    }

    private void Add(TimelineEvent e)
    {
        _events.Enqueue(e);
        Added?.Invoke(e);
    }

    private static (string Service, string Detail) Describe(object message) => message switch
    {
        TrainingRequested m => (m.Reason == TrainingReasons.Drift ? "DriftWatcher" : "Loop", $"{m.Model}, reason {m.Reason}"),
        TrainingStarted m => ("Trainer", $"{m.Model}, reason {m.Reason}"),
        ModelTrained m => ("Trainer", $"AUC {m.Metrics.Auc:F4}" + (m.Champion is { } c ? $", champion v{c.Version} {c.Metrics.Auc:F4} on the same holdout" : "") + $", {m.Lineage.DatasetRows:N0} rows"),
        TrainingFailed m => ("Trainer", $"{m.ErrorCount} problem(s): {m.Errors.FirstOrDefault()}"),
        ModelVersionRegistered m => ("Registry", $"{m.Model} v{m.Version}"),
        ModelPromoted m => ("Registry", $"v{m.Version}: {m.Verdict.Reason}"),
        ModelRejected m => ("Registry", $"v{m.Version}: {m.Verdict.Reason}"),
        DeploymentStarted m => ("Deployer", $"v{m.Version} {m.Strategy}" + (m.StableVersion is { } s ? $" beside v{s}" : "")),
        DeploymentCompleted m => ("Deployer", $"v{m.Version} serves 100%"),
        DeploymentRolledBack m => ("Deployer", $"v{m.Version}: {m.Reason}"),
        DriftDetected m => ("DriftWatcher", $"{m.Kind} on v{m.Version} over {m.SampleSize} samples: " + string.Join(", ", m.Features.Where(f => f.Drifted).Select(f => $"{f.Feature} {f.Distance:F3}"))),
        DatasetSnapshotAdded m => ("Data", $"{Path.GetFileName(m.Path)} ({m.Rows:N0} labelled rows)"),
        MessageFaulted m => (m.Endpoint, $"{m.MessageType} failed {m.Attempts} time(s), {m.ExceptionType}: {m.ExceptionMessage}; kept in {m.ErrorDestination}"),
        _ => ("?", message.ToString() ?? ""),
    };
}

internal sealed record TimelineEvent(TimeSpan At, string Service, string What, string Detail, object? Message);

internal sealed class LoopFailedException(string message) : Exception(message);
