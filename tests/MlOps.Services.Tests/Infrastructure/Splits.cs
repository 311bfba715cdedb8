using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts.Fleet;
using MlOps.Predictor.Serving;

namespace MlOps.Services.Tests.Infrastructure;

/// <summary>Puts a split straight into an in-process Predictor replica, as the Deployer's desired state would, for tests of serving alone.</summary>
internal static class Splits
{
    private static long _next;

    /// <summary>A Deployer URL that nothing answers: a Predictor tested alone follows no one, and its splits come from <see cref="ServeAsync"/>.</summary>
    public const string NoDeployer = "http://127.0.0.1:9";

    public static Task<IReadOnlyList<Refusal>> ServeAsync(this WebModuleHost host, string model, params (int Version, string Uri, int Percent)[] split) =>
        host.ServeAsync(model, [.. split.Select(s => new SplitEntry(s.Version, s.Uri, s.Percent))]);

    public static Task<IReadOnlyList<Refusal>> ServeAsync(this WebModuleHost host, string model, IReadOnlyList<SplitEntry> split)
    {
        var next = Interlocked.Increment(ref _next);
        return host.Services.GetRequiredService<EndpointRegistry>().ApplyAsync(new DesiredState(next, [new ModelSplit(model, next, split)]), CancellationToken.None);
    }

    /// <summary>Tells the replica there is nothing to serve.</summary>
    public static Task<IReadOnlyList<Refusal>> ServeNothingAsync(this WebModuleHost host) =>
        host.Services.GetRequiredService<EndpointRegistry>().ApplyAsync(new DesiredState(Interlocked.Increment(ref _next), []), CancellationToken.None);
}
