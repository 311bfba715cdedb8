using System.Text.Json.Nodes;
using MlOps.GitOps.Model;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// One Cloud Scheduler job per schedule the DriftWatcher's settings declare (<c>DriftWatcher:Schedules:{name}:Cron</c>):
/// at each occurrence it publishes <c>{"schedule": name}</c> to the schedules topic, which the DriftWatcher turns into
/// the retraining or batch scoring the schedule names (in embedded and Aspire runs its own timer publishes the same).
/// </summary>
public static class ScheduleBootstrap
{
    public const string SchedulerApi = "cloudscheduler.googleapis.com";
    private const string Prefix = "DriftWatcher:Schedules:";

    public sealed record Schedule(string Name, string Cron);

    public static string Topic => MessagingNames.Schedules;

    public static string JobName(EnvironmentSpec spec, string schedule) => $"mlops-{spec.Name}-{schedule}";

    /// <summary>The schedules of the environment's DriftWatcher, by name, with their cron expressions (UTC).</summary>
    public static IReadOnlyList<Schedule> Schedules(EnvironmentSpec spec) => spec.Service(ServiceNames.DriftWatcher).Settings
        .Where(s => s.Key.StartsWith(Prefix, StringComparison.Ordinal) && s.Key.EndsWith(":Cron", StringComparison.Ordinal) && s.Value is LiteralValue)
        .Select(s => new Schedule(s.Key[Prefix.Length..^":Cron".Length], ((LiteralValue)s.Value).Text))
        .Where(s => s.Name.Length > 0 && !s.Name.Contains(':', StringComparison.Ordinal))
        .OrderBy(s => s.Name, StringComparer.Ordinal)
        .ToList();

    public static string Body(string schedule) => new JsonObject { ["schedule"] = schedule }.ToJsonString();

    public const string TimeZone = "Etc/UTC";

    /// <summary>The job as Cloud Scheduler's API takes it (google.cloud.scheduler.v1.Job); the gcloud flags of the steps say the same.</summary>
    public static JsonObject Job(EnvironmentSpec spec, Schedule schedule) => new()
    {
        ["name"] = $"projects/{spec.Project}/locations/{spec.Region}/jobs/{JobName(spec, schedule.Name)}",
        ["description"] = $"MlOps {spec.Name}: schedule {schedule.Name} of the drift-watcher",
        ["schedule"] = schedule.Cron,
        ["timeZone"] = TimeZone,
        ["pubsubTarget"] = new JsonObject
        {
            ["topicName"] = $"projects/{spec.Project}/topics/{Topic}",
            ["data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Body(schedule.Name))),
        },
    };

    internal static void Plan(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        var location = $"--location={Quote(spec.Region)}";
        foreach (var schedule in Schedules(spec))
        {
            var job = JobName(spec, schedule.Name);
            var document = Job(spec, schedule);
            var data = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)document["pubsubTarget"]!["data"]!));
            var target = $"--schedule={Quote((string)document["schedule"]!)} --time-zone={(string)document["timeZone"]!} --topic={Quote(Topic)} --message-body={Quote(data)}";
            steps.Add(new($"Cloud Scheduler job {job}: publishes schedule {schedule.Name} to topic {Topic} at '{schedule.Cron}' (UTC)",
                $"gcloud scheduler jobs create pubsub {Quote(job)} {p} {location} {target} --description={Quote((string)document["description"]!)}",
                $"gcloud scheduler jobs describe {Quote(job)} {p} {location}"));
            steps.Add(new($"Cloud Scheduler job {job}: exactly this schedule (updating with the same one changes nothing)",
                $"gcloud scheduler jobs update pubsub {Quote(job)} {p} {location} {target}"));
        }
    }
}
