using System.ComponentModel.DataAnnotations;
using MlOps.Platform.Configuration;

namespace MlOps.GoogleApis;

/// <summary>Bound from <c>MlOps:Google</c>: where the services' Google Cloud resources live and how they are reached; see docs/configuration.md.</summary>
public sealed class GoogleApiOptions : ISettings
{
    public static string Section => "MlOps:Google";

    /// <summary>The project of the Vertex AI resources and the Cloud Build triggers.</summary>
    public string? Project { get; set; }

    /// <summary>The Vertex AI region, also the region of the Cloud Build triggers.</summary>
    public string? Location { get; set; }

    /// <summary>The bucket mounted at the artifact root: an artifact <c>packages/m/r</c> is <c>gs://{Bucket}/packages/m/r</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary>The Vertex AI API root; by default the regional endpoint <c>https://{Location}-aiplatform.googleapis.com/</c>.</summary>
    [Url]
    public string? VertexUrl { get; set; }

    /// <summary>The Cloud Monitoring API root.</summary>
    [Url]
    public string? MonitoringUrl { get; set; }

    /// <summary>The Cloud Build API root.</summary>
    [Url]
    public string? CloudBuildUrl { get; set; }

    /// <summary>A PEM certificate trusted besides the system's roots (a local stand-in's).</summary>
    public string? TrustedCertificate { get; set; }

    /// <summary>A metadata-server token endpoint to take access tokens from instead of Application Default Credentials.</summary>
    [Url]
    public string? TokenUrl { get; set; }

    /// <summary>How often long-running operations and jobs are polled.</summary>
    [Range(100, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>The Vertex AI root in use.</summary>
    public Uri VertexRoot => Root(VertexUrl ?? $"https://{Required(Location, nameof(Location))}-aiplatform.googleapis.com/");

    public Uri MonitoringRoot => Root(MonitoringUrl ?? "https://monitoring.googleapis.com/");

    public Uri CloudBuildRoot => Root(CloudBuildUrl ?? "https://cloudbuild.googleapis.com/");

    /// <summary><c>projects/{Project}/locations/{Location}</c>.</summary>
    public string Parent => $"projects/{Required(Project, nameof(Project))}/locations/{Required(Location, nameof(Location))}";

    /// <summary>The gs:// URI of an artifact named relative to the artifact root.</summary>
    public string GcsUri(string artifact) => $"gs://{Required(Bucket, nameof(Bucket))}/{artifact.TrimStart('/')}";

    private static Uri Root(string url) => new(url.EndsWith('/') ? url : url + "/");

    private static string Required(string? value, string name) =>
        value is { Length: > 0 } ? value : throw new InvalidOperationException($"{Section}:{name} is required when a Vertex AI or Cloud Build feature is on");
}
