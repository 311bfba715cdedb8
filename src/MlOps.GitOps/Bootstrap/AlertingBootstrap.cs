using MlOps.GitOps.Model;
using static MlOps.GitOps.Bootstrap.AnomalyAlerting;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// The steps that make the DriftWatcher's anomaly entries page a person: the log-based metric, an email channel per
/// address, and the alert policy on the metric with those channels. The documents go to gcloud as files
/// (<c>--config-from-file</c>, <c>--channel-content-from-file</c>, <c>--policy-from-file</c>), so what is created is exactly what the tests check.
/// </summary>
internal static class AlertingBootstrap
{
    public const string MonitoringApi = "monitoring.googleapis.com";

    public static void Plan(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        var metric = Compact(Metric(spec));
        steps.Add(new($"log-based metric {MetricName}: a count of the drift-watcher's anomaly entries by alert kind and model",
            $"gcloud logging metrics create {MetricName} {p} --config-from-file=<(printf '%s' {Quote(metric)})",
            $"gcloud logging metrics describe {MetricName} {p}"));
        steps.Add(new($"log-based metric {MetricName}: exactly this definition (updating with the same one changes nothing)",
            $"gcloud logging metrics update {MetricName} {p} --config-from-file=<(printf '%s' {Quote(metric)})"));

        foreach (var email in spec.Alerting.Emails)
        {
            var name = ChannelName(spec, email);
            steps.Add(new($"notification channel: email {email}",
                $"gcloud beta monitoring channels create {p} --channel-content-from-file=<(printf '%s' {Quote(Compact(Channel(spec, email)))})",
                $"gcloud beta monitoring channels list {p} --filter={Quote($"displayName=\"{name}\"")} --format='value(name)' | grep -q ."));
        }

        var policy = PolicyName(spec);
        var channels = $"$(gcloud beta monitoring channels list {p} --filter={Quote($"displayName:\"{ChannelPrefix(spec)}\"")} --format='value(name)' | paste -sd, -)";
        steps.Add(new($"alert policy \"{policy}\": an incident on any anomaly, notifying {(spec.Alerting.Emails.Count == 0 ? "no channel yet (alerting.emails is empty)" : string.Join(", ", spec.Alerting.Emails))}",
            $"gcloud alpha monitoring policies create {p} --policy-from-file=<(printf '%s' {Quote(Compact(Policy(spec)))}) --notification-channels=\"{channels}\"",
            $"gcloud alpha monitoring policies list {p} --filter={Quote($"displayName=\"{policy}\"")} --format='value(name)' | grep -q ."));
        steps.Add(new($"alert policy \"{policy}\": notifies exactly the environment's channels (setting the same ones again changes nothing)",
            $"gcloud alpha monitoring policies update \"$(gcloud alpha monitoring policies list {p} --filter={Quote($"displayName=\"{policy}\"")} --format='value(name)')\" {p} --set-notification-channels=\"{channels}\""));
    }
}
