using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts.Fleet;
using MlOps.Embedded;
using MlOps.Predictor;
using MlOps.Predictor.Serving;

namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// All five services in one process, as the embedded host composes them (SQLite files, the in-memory bus) behind
/// real Kestrel on 127.0.0.1, with the Predictor serving one trained taxi model put straight into its split.
/// No <c>MlOps:Identity:Audience</c> is set, so calls from the loopback are let in.
/// </summary>
internal sealed class FuzzHost : IAsyncDisposable
{
    public const string Model = "taxi";

    // A Deployer URL nothing answers: the Predictor keeps the split given here instead of following the Deployer's.
    private const string NoDeployer = "http://127.0.0.1:9";

    private readonly WebApplication _app;
    private readonly TempDirectory _root;

    private FuzzHost(WebApplication app, TempDirectory root)
    {
        _app = app;
        _root = root;
        Http = new HttpClient { BaseAddress = new Uri(EmbeddedHost.BaseUrl(app)), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public string ArtifactRoot => _root.Path;

    public static async Task<FuzzHost> StartAsync()
    {
        var root = new TempDirectory();
        var app = EmbeddedHost.Build(root.Path, new Dictionary<string, string?> { [PredictorExtensions.DeployerUrlKey] = NoDeployer }, verbose: false);
        await app.StartAsync();
        var host = new FuzzHost(app, root);
        var uri = Packages.WriteStable(root.Path);
        var refused = await app.Services.GetRequiredService<EndpointRegistry>().ApplyAsync(new DesiredState(1, [new ModelSplit(Model, 1, [new SplitEntry(1, uri, 100)])]), CancellationToken.None);
        Assert.Empty(refused);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _root.Dispose();
    }
}
