using System.ComponentModel.DataAnnotations;
using MlOps.Platform.Configuration;

namespace MlOps.Predictor;

/// <summary>Bound from <c>Predictor</c>; see docs/configuration.md.</summary>
public sealed class PredictorOptions : ISettings
{
    public static string Section => "Predictor";

    /// <summary>Share of requests that write a prediction log entry.</summary>
    [Range(0.0, 1.0)]
    public double LogSampling { get; set; } = 1.0;

    public bool LogToStdout { get; set; } = true;

    /// <summary>Also send entries to the prediction-logs destination on the bus (the local stand-in for a log sink).</summary>
    public bool PublishLogs { get; set; } = true;

    /// <summary>Entries waiting to be written; when full, new entries are dropped and counted, never waited for.</summary>
    [Range(1, 10_000_000)]
    public int LogQueueCapacity { get; set; } = 100_000;

    [Range(1, 100_000)]
    public int MaxInstances { get; set; } = 1000;

    [Range(64, 100 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>When set, the admin API requires <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? AdminToken { get; set; }

    /// <summary>The model served on the Vertex AI predict route and loaded from <c>AIP_STORAGE_URI</c>.</summary>
    public string DefaultModel { get; set; } = "taxi-tips";

    /// <summary>A package to serve from start-up (relative to the artifact root), as Cloud Run revisions do.</summary>
    public string? PackageUri { get; set; }

    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public PredictorFleetOptions Fleet { get; set; } = new();

    /// <summary>The registered URI of the pinned package when it is served from a copy (Vertex AI serves a copy of a model's artifacts): predictions are logged against it, so monitoring reads the registered package.</summary>
    public string? SourcePackageUri { get; set; }

    /// <summary>The version number reported for <see cref="PackageUri"/>.</summary>
    [Range(1, 1_000_000)]
    public int Version { get; set; } = 1;
}
