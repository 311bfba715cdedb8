namespace MlOps.Contracts.Api;

/// <summary><c>POST /v1/batchPredictionJobs</c>: score a file in the artifact folder (format csv or jsonl, see <see cref="BatchFormats"/>).</summary>
public sealed record BatchJobRequest(string Model, string InputUri, string OutputUri, string? Format = BatchFormats.Csv, string? PackageUri = null, int? Version = null);
