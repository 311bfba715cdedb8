using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// Everything the Cloud Build stand-in holds: the builds, in the order they were created, and which build each operation
/// follows. Read and changed only under <see cref="Gate"/>; nothing awaits while holding it.
/// </summary>
internal sealed class CloudBuildState(CloudBuildStandInOptions options, BackgroundWork background)
{
    public Lock Gate { get; } = new();

    public CloudBuildStandInOptions Options { get; } = options;

    public BackgroundWork Background { get; } = background;

    public ResourceNames Names { get; } = new(options.Project, options.Location);

    public DateTimeOffset Now => Options.Time.GetUtcNow();

    public OrderedDictionary<string, BuildRecord> Builds { get; } = new(StringComparer.Ordinal);

    /// <summary>The build each operation (by name) follows.</summary>
    public Dictionary<string, BuildRecord> Operations { get; } = new(StringComparer.Ordinal);

    /// <summary>The trigger a path segment names, by ID or by name.</summary>
    public StandInTrigger? Trigger(string idOrName) => Options.Triggers.FirstOrDefault(t => t.Id == idOrName || t.Name == idOrName);
}
