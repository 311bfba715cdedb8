using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.Platform.Net;

/// <summary>
/// The real AppHost under Aspire.Hosting.Testing, started as the AppHost tests start it (DCP, the Pub/Sub
/// emulator as our Go server, every resource), whose loop-driver resource runs the CLI's <c>drive</c>.
/// The driver runs in its own process, so the onset is when it wrote the drifted snapshots, the moment
/// before it shifts the traffic; the other stages are what the services recorded.
/// </summary>
internal static class AspireMode
{
    private static readonly string[] Services = ["pubsub", "trainer", "registry", "deployer", "drift-watcher", "predictor"];

    public static async Task<LoopRun> RunAsync(CancellationToken cancellationToken)
    {
        using var artifacts = new MlOps.Testing.TempDirectory("mlops-bench-loop-aspire");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MlOps_AppHost>(
            [
                "--Parameters:pubsub-mode=executable",
                $"--ArtifactFolder={artifacts.Path}",
                $"--ASPNETCORE_URLS=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ],
            (options, _) => options.DisableDashboard = true,
            cancellationToken);
        builder.Services.AddLogging(logging => logging.ClearProviders());
        await using var app = await builder.BuildAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(6));
        await app.StartAsync(timeout.Token);
        try
        {
            var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var service in Services)
            {
                await notifications.WaitForResourceHealthyAsync(service, timeout.Token);
            }

            var finished = await notifications.WaitForResourceAsync("loop-driver", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
            if (finished.Snapshot.ExitCode != 0)
            {
                throw new InvalidOperationException($"the loop-driver resource exited {finished.Snapshot.ExitCode}");
            }

            var dataset = Path.Combine(artifacts.Path, "datasets", ServiceStages.Model);
            var onset = Directory.EnumerateFiles(dataset, "*.csv").Max(File.GetLastWriteTimeUtc);
            return await ServiceStages.ReadAsync(resource => app.CreateHttpClient(resource, "http"), onset, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("waited 6 min for every service to be healthy and the loop driver to finish");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
