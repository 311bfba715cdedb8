namespace MlOps.GitOps.Validation;

internal static class EnvironmentRules
{
    private static readonly string[] ForbiddenMounts = ["/dev", "/proc", "/sys"];

    public static void Check(ProblemReporter report)
    {
        var spec = report.Spec;
        if (!Names.Environment().IsMatch(spec.Name))
        {
            report.Add("", $"the environment name '{spec.Name}' must be lowercase letters, digits and hyphens (it becomes the branch env/{spec.Name})");
        }

        if (!Names.Project().IsMatch(spec.Project))
        {
            report.Add("project", $"'{spec.Project}' is not a Google Cloud project id (6 to 30 lowercase letters, digits or hyphens, starting with a letter)");
        }

        if (!Names.Region().IsMatch(spec.Region))
        {
            report.Add("region", $"'{spec.Region}' is not a Cloud Run region like europe-west1");
        }

        var bucket = spec.Artifacts.Bucket;
        if (bucket.StartsWith("gs://", StringComparison.Ordinal))
        {
            report.Add("artifacts.bucket", $"write the bucket name without gs:// ('{bucket[5..]}')");
        }
        else if (!Names.Bucket().IsMatch(bucket) || bucket.StartsWith("goog", StringComparison.Ordinal))
        {
            report.Add("artifacts.bucket", $"'{bucket}' is not a valid bucket name (3 to 63 lowercase letters, digits, dots, hyphens or underscores)");
        }

        var mount = spec.Artifacts.MountPath;
        if (!mount.StartsWith('/') || mount.Length < 2 || mount.EndsWith('/'))
        {
            report.Add("artifacts.mountPath", $"'{mount}' must be an absolute folder path like /mnt/artifacts");
        }
        else if (ForbiddenMounts.Any(f => mount == f || mount.StartsWith(f + "/", StringComparison.Ordinal)))
        {
            report.Add("artifacts.mountPath", $"Cloud Run cannot mount a volume under {mount}");
        }

        var build = spec.Build;
        if (!Names.GitHubName().IsMatch(build.GitHubOwner))
        {
            report.Add("build.github.owner", $"'{build.GitHubOwner}' is not a GitHub owner name");
        }

        if (!Names.GitHubName().IsMatch(build.GitHubRepo))
        {
            report.Add("build.github.repo", $"'{build.GitHubRepo}' is not a GitHub repository name");
        }

        if (!Names.ServiceAccount().IsMatch(build.ServiceAccount))
        {
            report.Add("build.serviceAccount", $"'{build.ServiceAccount}' is not a service account id (6 to 30 lowercase letters, digits or hyphens)");
        }

        foreach (var role in build.Roles.Where(r => !Names.Role().IsMatch(r)))
        {
            report.Add("build.roles", $"'{role}' is not a role name like roles/run.admin");
        }

        Sinks(report, spec.LogSink);
        foreach (var email in spec.Alerting.Emails.Where(e => !Names.Email().IsMatch(e)))
        {
            report.Add("alerting.emails", $"'{email}' is not an email address");
        }

        foreach (var email in spec.Alerting.Emails.GroupBy(e => e, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            report.Add("alerting.emails", $"'{email}' is listed more than once");
        }
    }

    private static void Sinks(ProblemReporter report, Model.LogSinkSpec sink)
    {
        if (sink.BigQueryDataset is { } dataset && !Names.BigQueryDataset().IsMatch(dataset))
        {
            report.Add("logSink.bigQueryDataset", $"'{dataset}' is not a BigQuery dataset id (letters, digits and underscores, at most 1024)");
        }
    }
}
