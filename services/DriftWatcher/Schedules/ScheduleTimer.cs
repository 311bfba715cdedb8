using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Messaging;

namespace MlOps.DriftWatcher.Schedules;

/// <summary>
/// With <c>DriftWatcher:Schedules:Timer</c> on (embedded and Aspire runs), sends <see cref="ScheduleFired"/> to the
/// schedules endpoint at each occurrence — through the bus, so the same consumer handles it as a Cloud Scheduler
/// job's message. Occurrences missed while the process was down or asleep are not made up; <c>firedAt</c> is the
/// occurrence itself, not the moment the timer woke.
/// </summary>
public sealed class ScheduleTimer(ScheduleBook schedules, IOptions<DriftWatcherOptions> options, IBus bus, TimeProvider time, ILogger<ScheduleTimer> logger)
    : BackgroundService
{
    public static readonly Uri Destination = new($"queue:{EndpointNames.Schedules}");

    // Task.Delay takes at most about 49 days; a rarer schedule is waited for in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private long _next = long.MinValue;

    /// <summary>The occurrence the timer waits for, once it waits.</summary>
    public DateTimeOffset? Next
    {
        get
        {
            var ticks = Interlocked.Read(ref _next);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleTimer || schedules.All.Count == 0)
        {
            return;
        }

        logger.LogInformation("Schedule timer on for {Schedules}", string.Join(", ", schedules.All.Select(s => $"{s.Name} ({s.Cron})")));
        ISendEndpoint? endpoint = null;
        var after = time.GetUtcNow();
        try
        {
            while (Upcoming(after) is { } due)
            {
                Interlocked.Exchange(ref _next, due.Occurrence.UtcTicks);
                while (due.Occurrence - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, time, stoppingToken);
                }

                endpoint ??= await bus.GetSendEndpoint(Destination);
                foreach (var schedule in due.Schedules)
                {
                    await Fire(endpoint, schedule, due.Occurrence, stoppingToken);
                }

                // From now on: occurrences the timer slept through (a paused process, a clock jump) are not made up.
                var now = time.GetUtcNow();
                after = now > due.Occurrence ? now : due.Occurrence;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task Fire(ISendEndpoint endpoint, Schedule schedule, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        try
        {
            await endpoint.Send(new ScheduleFired(schedule.Name, occurrence), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One lost occurrence is logged; the timer goes on to the next.
            logger.LogError(e, "Schedule {Schedule} occurrence {Occurrence:O} could not be sent", schedule.Name, occurrence);
        }
    }

    // The earliest next occurrence, with every schedule that has it.
    private (DateTimeOffset Occurrence, List<Schedule> Schedules)? Upcoming(DateTimeOffset after)
    {
        var next = schedules.All
            .Select(s => (Schedule: s, At: s.Cron.Next(after)))
            .Where(n => n.At is not null)
            .GroupBy(n => n.At!.Value)
            .OrderBy(g => g.Key)
            .FirstOrDefault();
        return next is null ? null : (next.Key, [.. next.Select(n => n.Schedule)]);
    }
}
