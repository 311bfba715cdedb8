using System.Globalization;
using MlOps.Rehearsal.StandIns;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// What Vertex AI runs, run here: a deployed model's serving container and a custom job's worker are
/// the built hosts of the images they name (<c>…/predictor@sha256:…</c> → the Predictor host), as
/// processes with the container's environment. The bucket is the rehearsal's folder: a job's
/// <c>/gcs/{bucket}</c> mount and a model's gs:// <c>AIP_STORAGE_URI</c> (Vertex AI's copy of its
/// artifacts) point into it. Serving output goes to the log sink as the endpoint's container logs.
/// </summary>
public sealed class RehearsalContainers(string bucket, string bucketFolder, string workFolder, Func<string, string> hostDll, LogSink? sink) : IVertexContainers
{
    private int _started;

    /// <summary>Serving containers and job workers started so far.</summary>
    public int Started => _started;

    public Task<IServingContainer> StartServingAsync(ServingLaunch launch, CancellationToken cancellationToken)
    {
        var port = EnvironmentRehearsal.FreePort();
        var environment = Environment(launch.Container.Env);
        environment["AIP_HTTP_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var endpointId = launch.Endpoint[(launch.Endpoint.LastIndexOf('/') + 1)..];
        var name = $"vertex-{endpointId}-{launch.DeployedModelId}";
        var replica = Start(name, launch.Container.ImageUri, port, environment, launch.Container.Args, line => sink?.WriteVertex(endpointId, launch.DeployedModelId, line));
        return Task.FromResult<IServingContainer>(new Serving(replica));
    }

    public async Task<int> RunJobAsync(JobLaunch launch, CancellationToken cancellationToken)
    {
        var name = $"job-{launch.Job[(launch.Job.LastIndexOf('/') + 1)..]}";
        using var worker = Start(name, launch.Container.ImageUri, EnvironmentRehearsal.FreePort(), Environment(launch.Container.Env), launch.Container.Args, _ => { });
        try
        {
            return await worker.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            worker.Kill();
            throw;
        }
    }

    private ReplicaProcess Start(string name, string image, int port, Dictionary<string, string> environment, IReadOnlyList<string> args, Action<string> onLine)
    {
        Interlocked.Increment(ref _started);
        var folder = Path.Combine(workFolder, "instances", name);
        Directory.CreateDirectory(folder);
        var log = Path.Combine(workFolder, "logs", $"{name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        return ReplicaProcess.Start(name, hostDll(ServiceOf(image)), port, environment, folder, (_, line) =>
        {
            lock (writer)
            {
                writer.WriteLine(line);
            }

            onLine(line);
        }, args);
    }

    // The container's variables, with the bucket's mount and gs:// URIs pointing into the rehearsal's folder.
    private Dictionary<string, string> Environment(IReadOnlyList<ContainerEnvVar> env)
    {
        var mount = $"/gcs/{bucket}";
        var gs = $"gs://{bucket}";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in env)
        {
            var value = variable.Value;
            if (value == mount || value.StartsWith(mount + "/", StringComparison.Ordinal))
            {
                value = bucketFolder + value[mount.Length..];
            }
            else if (value == gs || value.StartsWith(gs + "/", StringComparison.Ordinal))
            {
                value = bucketFolder + value[gs.Length..];
            }

            result[variable.Name] = value;
        }

        return result;
    }

    /// <summary>The service an image is of: the last path segment of its repository (<c>…/mlops/predictor@sha256:…</c> → <c>predictor</c>).</summary>
    public static string ServiceOf(string image)
    {
        var path = image.Split('@')[0];
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.Split(':')[0];
    }

    private sealed class Serving(ReplicaProcess replica) : IServingContainer
    {
        public Uri BaseAddress => replica.Address;

        public ValueTask DisposeAsync()
        {
            replica.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
