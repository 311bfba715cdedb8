using System.Collections.Concurrent;

namespace MlOps.StandIns.Tests;

/// <summary>Runs serving containers in process and jobs as an exit code, keeping what it was asked to launch.</summary>
internal sealed class FakeContainers : IVertexContainers
{
    public bool Healthy { get; init; } = true;

    public int ExitCode { get; init; }

    /// <summary>Whether a job runs until it is cancelled rather than ending at once.</summary>
    public bool JobsRunUntilCancelled { get; init; }

    public ConcurrentQueue<ServingLaunch> Serving { get; } = new();

    public ConcurrentQueue<FakeServingContainer> Servers { get; } = new();

    public ConcurrentQueue<JobLaunch> Jobs { get; } = new();

    public async Task<IServingContainer> StartServingAsync(ServingLaunch launch, CancellationToken cancellationToken)
    {
        Serving.Enqueue(launch);
        var server = await FakeServingContainer.StartAsync(launch, Healthy, cancellationToken);
        Servers.Enqueue(server);
        return server;
    }

    public async Task<int> RunJobAsync(JobLaunch launch, CancellationToken cancellationToken)
    {
        Jobs.Enqueue(launch);
        if (JobsRunUntilCancelled)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return ExitCode;
    }
}
