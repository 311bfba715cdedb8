using System.Globalization;
using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Schedules;
using MlOps.DriftWatcher.Telemetry;

namespace MlOps.DriftWatcher.Consumers;

/// <summary>
/// A schedule's occurrence becomes the run it asks for: a TrainingRequested (reason schedule) or a
/// BatchPredictionRequested, its id derived from the schedule and the occurrence — the fire time (firedAt, else
/// the Pub/Sub publish time) rounded down to the schedule's occurrence — so a redelivery, or the timer and Cloud
/// Scheduler both firing, asks for the same run. The request is published, then the occurrence recorded as fired:
/// a crash between the two asks again under the same id (the Trainer answers a finished request from its run),
/// and never loses the run. A schedule nobody configured is counted and logged, not retried.
/// </summary>
public sealed class ScheduleFiredConsumer(ScheduleBook schedules, FiredOccurrences fired, ScheduleMetrics metrics, IBus bus, TimeProvider time, ILogger<ScheduleFiredConsumer> logger)
    : IConsumer<ScheduleFired>
{
    public async Task Consume(ConsumeContext<ScheduleFired> context)
    {
        var name = context.Message.Schedule;
        if (schedules.Find(name) is not { } schedule)
        {
            metrics.Unknown(name);
            logger.LogWarning("Schedule {Schedule} fired but DriftWatcher:Schedules has no such schedule; nothing is run", name);
            return;
        }

        var (runId, occurrence) = Run(schedule, context);
        if (fired.Contains(runId))
        {
            metrics.Repeat(schedule.Name);
            logger.LogInformation("Schedule {Schedule} occurrence {Occurrence:O} was already asked for as {RunId}; nothing more is run", schedule.Name, occurrence, runId);
            return;
        }

        // Straight to the bus, not the consume context's outbox: the occurrence is recorded as fired only once the request is out.
        var options = schedule.Options;
        if (options.Kind == ScheduleKinds.BatchScore)
        {
            var format = BatchFormats.Name(options.InputFormat() ?? BatchFormat.Csv);
            await bus.Publish(new BatchPredictionRequested(runId, options.Model!, options.Input!, options.Output!, format, occurrence), context.CancellationToken);
        }
        else
        {
            await bus.Publish(new TrainingRequested(runId, options.Model!, TrainingReasons.Schedule, occurrence), context.CancellationToken);
        }

        fired.Add(runId);
        metrics.Run(schedule.Name, options.Kind);
        logger.LogInformation("Schedule {Schedule} occurrence {Occurrence:O}: {Kind} of {Model} asked for as {RunId}", schedule.Name, occurrence, options.Kind, options.Model, runId);
    }

    private (Guid RunId, DateTimeOffset Occurrence) Run(Schedule schedule, ConsumeContext<ScheduleFired> context)
    {
        var at = context.Message.FiredAt ?? SentTime(context);
        if (at is null && TransportMessageId(context) is { } messageId)
        {
            return (schedule.RunId(messageId), time.GetUtcNow());
        }

        var occurrence = schedule.Cron.Occurrence(at ?? time.GetUtcNow()) ?? at ?? time.GetUtcNow();
        return (schedule.RunId(occurrence), occurrence);
    }

    // Cloud Scheduler's body carries no time; the transport's sent time is the Pub/Sub publish time.
    private static DateTimeOffset? SentTime(ConsumeContext context)
    {
        if (context.ReceiveContext.TransportHeaders.TryGetHeader(MessageHeaders.TransportSentTime, out var value))
        {
            switch (value)
            {
                case DateTimeOffset offset:
                    return offset;
                case DateTime date:
                    return new DateTimeOffset(date.Kind == DateTimeKind.Utc ? date : DateTime.SpecifyKind(date, DateTimeKind.Utc));
                case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                    return parsed;
            }
        }

        return context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null;
    }

    private static string? TransportMessageId(ConsumeContext context) =>
        context.ReceiveContext.TransportHeaders.Get<string>(MessageHeaders.TransportMessageId) is { Length: > 0 } id ? id
        : context.MessageId?.ToString("N");
}
