using System.Text.RegularExpressions;

namespace MlOps.GitOps.Validation;

/// <summary>The naming rules Google Cloud applies, checked before a command or a deploy fails on them.</summary>
internal static partial class Names
{
    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$")]
    public static partial Regex Environment();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    public static partial Regex Project();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]+$")]
    public static partial Regex Region();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$")]
    public static partial Regex Bucket();

    /// <summary>The transport names topics in kebab-case; Pub/Sub itself also needs 3 to 255 characters.</summary>
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    public static partial Regex KebabCase();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    public static partial Regex Sink();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    public static partial Regex ServiceAccount();

    [GeneratedRegex(@"^roles/[A-Za-z0-9_.]+$")]
    public static partial Regex Role();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    public static partial Regex Secret();

    [GeneratedRegex("^(latest|[1-9][0-9]*)$")]
    public static partial Regex SecretVersion();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]:[a-z]+-[a-z]+[0-9]+:[a-z][a-z0-9-]{0,96}$")]
    public static partial Regex CloudSqlInstance();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    public static partial Regex GitHubName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex Feature();

    [GeneratedRegex("^[A-Za-z0-9_]{1,1024}$")]
    public static partial Regex BigQueryDataset();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    public static partial Regex Email();

    /// <summary>A Cloud Run service's deterministic URL, <c>https://&lt;service&gt;-&lt;project number&gt;.&lt;region&gt;.run.app</c>.</summary>
    [GeneratedRegex(@"^https://(?<service>[a-z][a-z0-9-]*?)-(?<number>\d+)\.(?<region>[a-z0-9-]+)\.run\.app/?$")]
    public static partial Regex RunAppUrl();

    /// <summary>An IAM principal IAP may admit: a user, a group, a service account or everyone of a Workspace domain.</summary>
    [GeneratedRegex(@"^((user|group|serviceAccount):[^@\s:]+@[^@\s]+\.[^@\s]+|domain:[a-z0-9-]+(\.[a-z0-9-]+)+)$")]
    public static partial Regex Principal();

    /// <summary>
    /// A host name a Google-managed certificate can be issued for: at least two lowercase labels of letters, digits and
    /// inner hyphens (each up to 63), 253 characters in all, the last label starting with a letter (so no IP address).
    /// </summary>
    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    public static partial Regex DnsName();

    /// <summary>A Cloud Scheduler job ID: letters, digits, hyphens and underscores, at most 500.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,500}$")]
    public static partial Regex SchedulerJob();
}
