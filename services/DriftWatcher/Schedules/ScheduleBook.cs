using Microsoft.Extensions.Options;

namespace MlOps.DriftWatcher.Schedules;

/// <summary>The schedules of <c>DriftWatcher:Schedules</c>, parsed on first use (after start-up validated the options).</summary>
public sealed class ScheduleBook(IOptions<DriftWatcherOptions> options)
{
    private readonly Lazy<Dictionary<string, Schedule>> _schedules = new(() => options.Value.Schedules
        .ToDictionary(s => s.Key, s => new Schedule(s.Key, CronSchedule.Parse(s.Value.Cron), s.Value), StringComparer.Ordinal));

    public IReadOnlyCollection<Schedule> All => _schedules.Value.Values;

    public Schedule? Find(string? name) => name is not null && _schedules.Value.TryGetValue(name, out var schedule) ? schedule : null;
}
