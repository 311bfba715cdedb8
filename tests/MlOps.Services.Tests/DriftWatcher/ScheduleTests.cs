using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlOps.Contracts;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Schedules;
using MlOps.DriftWatcher.Telemetry;
using MlOps.Platform.Messaging;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

public sealed class ScheduleTests
{
    private const string Weekly = "weekly-retrain";
    private const string Nightly = "nightly-scores";

    // Monday 5 January 2026.
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Schedules = new()
    {
        [$"DriftWatcher:Schedules:{Weekly}:Cron"] = "0 6 * * 1",
        [$"DriftWatcher:Schedules:{Weekly}:Model"] = "taxi-tips",
        [$"DriftWatcher:Schedules:{Nightly}:Cron"] = "30 2 * * *",
        [$"DriftWatcher:Schedules:{Nightly}:Kind"] = "batch-score",
        [$"DriftWatcher:Schedules:{Nightly}:Model"] = "taxi-tips",
        [$"DriftWatcher:Schedules:{Nightly}:Input"] = "datasets/taxi-tips/today.jsonl",
        [$"DriftWatcher:Schedules:{Nightly}:Output"] = "scores/taxi-tips/today.jsonl",
    };

    private static Task<ModuleHost> Start(TimeProvider? time = null, IDictionary<string, string?>? settings = null, string? artifactRoot = null) => ModuleHost.StartAsync(
        b =>
        {
            b.AddDriftWatcher();
            if (time is not null)
            {
                b.Services.AddSingleton(time);
            }
        },
        settings ?? Schedules,
        artifactRoot);

    private static async Task Fire(ModuleHost host, ScheduleFired fired, DateTimeOffset? publishedAt = null)
    {
        var endpoint = await host.Bus.GetSendEndpoint(new Uri($"queue:{EndpointNames.Schedules}"));
        await endpoint.Send(fired, context =>
        {
            if (publishedAt is { } at)
            {
                context.Headers.Set(MessageHeaders.TransportSentTime, at.ToString("O"));
            }
        });
    }

    private static Task Consumed(ModuleHost host, int count) =>
        Wait.Until(() => host.Harness.Consumed.Select<ScheduleFired>().Count() >= count, $"{count} schedule fire(s) to be consumed");

    private static Guid RunId(string schedule, string cron, DateTimeOffset occurrence) =>
        new Schedule(schedule, CronSchedule.Parse(cron), new ScheduleOptions()).RunId(occurrence);

    [Theory]
    [InlineData("0 6 * * 1", "2026-01-01T00:00:00Z", "2026-01-05T06:00:00Z")]
    [InlineData("0 6 * * 1", "2026-01-05T06:00:00Z", "2026-01-12T06:00:00Z")]
    [InlineData("*/15 9-17 * * MON-FRI", "2026-01-02T17:50:00Z", "2026-01-05T09:00:00Z")]
    [InlineData("*/15 9-17 * * MON-FRI", "2026-01-05T09:00:00Z", "2026-01-05T09:15:00Z")]
    [InlineData("0 0 * * 0", "2026-01-05T00:00:00Z", "2026-01-11T00:00:00Z")]
    [InlineData("0 0 * * 7", "2026-01-05T00:00:00Z", "2026-01-11T00:00:00Z")]
    [InlineData("0 0,12 1 * *", "2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z")]
    [InlineData("10-20/5 3 * * *", "2026-01-01T03:15:00Z", "2026-01-01T03:20:00Z")]
    [InlineData("0  6 *  * 1", "2026-01-01T00:00:00Z", "2026-01-05T06:00:00Z")]
    public void A_cron_schedule_fires_at_its_next_occurrence_in_utc(string cron, string after, string expected)
    {
        var schedule = CronSchedule.Parse(cron);

        var next = schedule.Next(DateTimeOffset.Parse(after));

        Assert.Equal(DateTimeOffset.Parse(expected), next);
    }

    [Theory]
    [InlineData("2026-01-05T06:00:00Z", "2026-01-05T06:00:00Z")]
    [InlineData("2026-01-05T06:00:07Z", "2026-01-05T06:00:00Z")]
    [InlineData("2026-01-05T05:59:59Z", "2025-12-29T06:00:00Z")]
    [InlineData("2026-01-07T08:00:00+02:00", "2026-01-05T06:00:00Z")]
    public void A_fire_belongs_to_the_latest_occurrence_at_or_before_it(string at, string expected)
    {
        var occurrence = CronSchedule.Parse("0 6 * * 1").Occurrence(DateTimeOffset.Parse(at));

        Assert.Equal(DateTimeOffset.Parse(expected), occurrence);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("* * * *", "has 4 field(s)")]
    [InlineData("0 0 0 * * *", "has 6 field(s)")]
    [InlineData("@weekly", "macro")]
    [InlineData("61 * * * *", "Minutes: Value must be a number between 0 and 59")]
    [InlineData("0 24 * * *", "Hours")]
    [InlineData("0 0 L * *", "the day of month field 'L' is not unix cron")]
    [InlineData("0 0 ? * 1", "is not unix cron")]
    [InlineData("0 0 * * 1#2", "the day of week field '1#2' is not unix cron")]
    [InlineData("30-10 * * * *", "the minute range '30-10' runs backwards")]
    [InlineData("0 0 1 * 1", "restricts both the day of month and the day of week")]
    [InlineData("0 0 31 2 *", "never occurs")]
    public void A_bad_cron_expression_is_refused_saying_what_is_wrong(string cron, string problem)
    {
        Assert.False(CronSchedule.TryParse(cron, out _, out var message));
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.Contains(problem, Assert.Throws<FormatException>(() => CronSchedule.Parse(cron)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timer_fires_each_occurrence_through_the_bus_and_the_consumer_asks_for_training()
    {
        var time = new FakeTimeProvider(Monday.AddHours(5).AddMinutes(58));
        var settings = new Dictionary<string, string?>(Schedules.Where(s => s.Key.Contains(Weekly, StringComparison.Ordinal))) { ["DriftWatcher:Schedules:Timer"] = "true" };
        await using var host = await Start(time, settings);
        var timer = host.Services.GetRequiredService<ScheduleTimer>();
        await Wait.Until(() => timer.Next == Monday.AddHours(6), "the timer to wait for Monday 06:00");

        await AdvanceUntil(time, TimeSpan.FromMinutes(1), () => host.Harness.Published.Select<TrainingRequested>().Any());
        var first = await Wait.Published<TrainingRequested>(host.Harness, what: "the request of the first occurrence");
        await Wait.Until(() => timer.Next == Monday.AddDays(7).AddHours(6), "the timer to wait for the next Monday");
        await AdvanceUntil(time, TimeSpan.FromDays(1), () => host.Harness.Published.Select<TrainingRequested>().Count() > 1);
        var second = await Wait.Published<TrainingRequested>(host.Harness, r => r.RequestId != first.RequestId, what: "the request of the next week's occurrence");

        var fired = host.Harness.Consumed.Select<ScheduleFired>().Select(m => m.Context.Message).ToList();
        Assert.Equal([Monday.AddHours(6), Monday.AddDays(7).AddHours(6)], fired.Select(f => f.FiredAt));
        Assert.Equal(("taxi-tips", TrainingReasons.Schedule, Monday.AddHours(6)), (first.Model, first.Reason, first.RequestedAt));
        Assert.Equal(RunId(Weekly, "0 6 * * 1", Monday.AddHours(6)), first.RequestId);
        Assert.Equal(Monday.AddDays(7).AddHours(6), second.RequestedAt);
    }

    // Steps the fake clock until the condition holds: the timer may not yet wait on the clock when the test first moves it.
    private static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan step, Func<bool> done, int steps = 10)
    {
        for (var i = 0; i < steps && !done(); i++)
        {
            time.Advance(step);
            await Task.Delay(100);
        }

        await Wait.Until(done, $"the timer to fire within {steps} steps of {step}");
    }

    [Fact]
    public async Task The_timer_stays_quiet_when_it_is_off()
    {
        var time = new FakeTimeProvider(Monday.AddHours(5).AddMinutes(58));
        await using var host = await Start(time);

        time.Advance(TimeSpan.FromDays(8));
        await Task.Delay(500);

        Assert.Null(host.Services.GetRequiredService<ScheduleTimer>().Next);
        Assert.False(host.Harness.Sent.Select<ScheduleFired>().Any());
    }

    [Fact]
    public async Task A_fired_retrain_schedule_asks_for_one_training_run_with_reason_schedule()
    {
        await using var host = await Start();

        await Fire(host, new ScheduleFired(Weekly, Monday.AddHours(6).AddSeconds(3)));
        var request = await Wait.Published<TrainingRequested>(host.Harness);
        await Consumed(host, 1);

        Assert.Equal(("taxi-tips", TrainingReasons.Schedule, Monday.AddHours(6)), (request.Model, request.Reason, request.RequestedAt));
        Assert.Equal(RunId(Weekly, "0 6 * * 1", Monday.AddHours(6)), request.RequestId);
        Assert.Single(host.Harness.Published.Select<TrainingRequested>());
    }

    [Fact]
    public async Task The_same_occurrence_fired_again_by_a_redelivery_or_by_the_timer_and_cloud_scheduler_asks_for_one_run()
    {
        using var artifacts = new TempDirectory();
        Guid first;
        await using (var host = await Start(artifactRoot: artifacts.Path))
        {
            await Fire(host, new ScheduleFired(Weekly, Monday.AddHours(6)));
            await Fire(host, new ScheduleFired(Weekly), publishedAt: Monday.AddHours(6).AddSeconds(4));
            await Fire(host, new ScheduleFired(Weekly, Monday.AddHours(6)));
            await Consumed(host, 3);

            first = Assert.Single(host.Harness.Published.Select<TrainingRequested>()).Context.Message.RequestId;
        }

        // Another process (a restart, or the cloud's own instance) derives the same id for the occurrence.
        await using var other = await Start(artifactRoot: artifacts.Path);
        await Fire(other, new ScheduleFired(Weekly, Monday.AddHours(6).AddSeconds(9)));
        var again = await Wait.Published<TrainingRequested>(other.Harness);

        Assert.Equal(first, again.RequestId);
        Assert.Equal(RunId(Weekly, "0 6 * * 1", Monday.AddHours(6)), first);
    }

    [Fact]
    public async Task A_batch_score_schedule_asks_the_predictor_to_score_its_input()
    {
        await using var host = await Start();

        await Fire(host, new ScheduleFired(Nightly, Monday.AddHours(2).AddMinutes(30)));
        var job = await Wait.Published<BatchPredictionRequested>(host.Harness);

        Assert.Equal(("taxi-tips", "datasets/taxi-tips/today.jsonl", "scores/taxi-tips/today.jsonl", BatchFormats.JsonLines), (job.Model, job.InputUri, job.OutputUri, job.Format));
        Assert.Equal(RunId(Nightly, "30 2 * * *", Monday.AddHours(2).AddMinutes(30)), job.JobId);
        Assert.Null(job.PackageUri);
        Assert.False(host.Harness.Published.Select<TrainingRequested>().Any());
    }

    [Fact]
    public async Task A_schedule_nobody_configured_is_counted_and_asks_for_nothing()
    {
        await using var host = await Start();

        await Fire(host, new ScheduleFired("monthly-report", Monday));
        await Fire(host, new ScheduleFired(null, Monday));
        await Consumed(host, 2);

        Assert.Equal(2, host.Services.GetRequiredService<ScheduleMetrics>().UnknownCount);
        Assert.All(host.Harness.Consumed.Select<ScheduleFired>(), m => Assert.Null(m.Exception));
        Assert.False(host.Harness.Published.Select<TrainingRequested>().Any());
        Assert.False(host.Harness.Published.Select<BatchPredictionRequested>().Any());
    }

    [Theory]
    [InlineData("nightly", "Cron", "61 * * * *", "DriftWatcher:Schedules:nightly:Cron is '61 * * * *'")]
    [InlineData("nightly", "Cron", null, "DriftWatcher:Schedules:nightly:Cron is not set")]
    [InlineData("nightly", "Kind", "sometimes", "DriftWatcher:Schedules:nightly:Kind is 'sometimes': must be retrain or batch-score")]
    [InlineData("nightly", "Model", "Taxi Tips", "DriftWatcher:Schedules:nightly:Model is 'Taxi Tips'")]
    [InlineData("nightly", "Input", "datasets/today.csv", "DriftWatcher:Schedules:nightly:Input is 'datasets/today.csv': only a batch-score schedule reads it")]
    [InlineData("Nightly_Run", "Cron", "0 2 * * *", "'Nightly_Run' is not a schedule name")]
    public async Task A_bad_schedule_is_refused_at_start_up_naming_its_key(string name, string field, string? value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"DriftWatcher:Schedules:{name}:Cron"] = "0 2 * * *",
            [$"DriftWatcher:Schedules:{name}:Model"] = "taxi-tips",
            [$"DriftWatcher:Schedules:{name}:{field}"] = value,
        };
        using var artifacts = new TempDirectory();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => Start(settings: settings, artifactRoot: artifacts.Path));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input", "/etc/passwd", "an absolute path")]
    [InlineData("Input", "datasets/today.txt", "name a .csv or .jsonl file")]
    [InlineData("Output", "../outside.csv", "leads outside the artifact root")]
    [InlineData("Output", null, "a batch-score schedule needs it")]
    public async Task A_batch_score_schedule_with_a_path_outside_the_artifact_root_is_refused_at_start_up(string field, string? value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DriftWatcher:Schedules:nightly:Cron"] = "0 2 * * *",
            ["DriftWatcher:Schedules:nightly:Kind"] = "batch-score",
            ["DriftWatcher:Schedules:nightly:Model"] = "taxi-tips",
            ["DriftWatcher:Schedules:nightly:Input"] = "datasets/today.csv",
            ["DriftWatcher:Schedules:nightly:Output"] = "scores/today.csv",
        };
        settings[$"DriftWatcher:Schedules:nightly:{field}"] = value;
        using var artifacts = new TempDirectory();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => Start(settings: settings, artifactRoot: artifacts.Path));

        Assert.Contains($"DriftWatcher:Schedules:nightly:{field}", refused.Message, StringComparison.Ordinal);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
