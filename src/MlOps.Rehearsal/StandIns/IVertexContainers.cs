namespace MlOps.Rehearsal.StandIns;

/// <summary>Runs the containers Vertex AI would run: a deployed model's server, and a custom job's first worker.</summary>
public interface IVertexContainers
{
    /// <summary>Starts the server; the stand-in then polls its health route until it answers 200.</summary>
    public Task<IServingContainer> StartServingAsync(ServingLaunch launch, CancellationToken cancellationToken);

    /// <summary>Runs the worker to its end and returns its exit code; cancelled when the job is.</summary>
    public Task<int> RunJobAsync(JobLaunch launch, CancellationToken cancellationToken);
}
