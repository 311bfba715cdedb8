using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Endpoints;
using MlOps.Rehearsal.StandIns.Jobs;
using MlOps.Rehearsal.StandIns.Models;
using MlOps.Rehearsal.StandIns.Monitoring;
using MlOps.Rehearsal.StandIns.Operations;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// Everything the stand-in holds. The records are read and changed only under <see cref="Gate"/>; nothing awaits while
/// holding it (a container is started, probed, called and stopped outside it).
/// </summary>
internal sealed class StandInState(VertexAiStandInOptions options, BackgroundWork background, HttpClient containers)
{
    public Lock Gate { get; } = new();

    public VertexAiStandInOptions Options { get; } = options;

    public ResourceNames Names { get; } = new(options.Project, options.Location);

    public NumericIds Ids { get; } = new();

    public BackgroundWork Background { get; } = background;

    /// <summary>Talks to serving containers: health probes and forwarded predictions.</summary>
    public HttpClient ContainerHttp { get; } = containers;

    public ServingContainers Serving { get; } = new();

    public DateTimeOffset Now => Options.Time.GetUtcNow();

    public Dictionary<string, ModelRecord> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EndpointRecord> Endpoints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CustomJobRecord> CustomJobs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OperationRecord> Operations { get; } = new(StringComparer.Ordinal);

    public PredictionMetrics Metrics { get; } = new();
}
