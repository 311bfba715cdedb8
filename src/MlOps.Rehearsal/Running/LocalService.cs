using System.Diagnostics;
using MlOps.Rehearsal.Front;
using MlOps.Rehearsal.Manifests;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// One Cloud Run service here: a front (its URL) over instances started from the manifest, each
/// taking traffic only once its startup probe passes with the manifest's timings; instances can be
/// replaced, and the scale stays within the manifest's bounds.
/// </summary>
public sealed class LocalService : IAsyncDisposable
{
    private readonly List<ReplicaProcess> _replicas = [];
    private readonly Func<int, ReplicaProcess> _launch;
    private readonly HttpClient _http = new();
    private int _started;

    private LocalService(ServiceManifest manifest, string revision, FrontProxy front, Func<int, ReplicaProcess> launch)
    {
        Manifest = manifest;
        Revision = revision;
        Front = front;
        _launch = launch;
    }

    public ServiceManifest Manifest { get; }

    public string Revision { get; }

    public FrontProxy Front { get; }

    public string Url => Front.Url.TrimEnd('/');

    public IReadOnlyList<ReplicaProcess> Replicas
    {
        get
        {
            lock (_replicas)
            {
                return [.. _replicas];
            }
        }
    }

    /// <summary>The front is up (its URL known to the other services) before any instance starts; <paramref name="transformer"/> is what it adds to each request (IAP's header).</summary>
    public static async Task<LocalService> CreateAsync(ServiceManifest manifest, string revision, int port, Func<int, ReplicaProcess> launch, Yarp.ReverseProxy.Forwarder.HttpTransformer? transformer = null) =>
        new(manifest, revision, await FrontProxy.StartAsync(port, transformer: transformer), launch);

    /// <summary>Starts an instance and waits for its startup probe; the front sends it traffic only then.</summary>
    public async Task<ReplicaProcess> StartInstanceAsync(CancellationToken cancellationToken)
    {
        // A free port is chosen before the instance binds it, and on a busy machine another process can take it
        // in between: that is this machine's doing, not the revision's, so the instance is started again on another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(cancellationToken);
            }
            catch (RevisionNotReadyException e) when (attempt < 3 && e.Output.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private async Task<ReplicaProcess> StartOnceAsync(CancellationToken cancellationToken)
    {
        var replica = _launch(Interlocked.Increment(ref _started));
        lock (_replicas)
        {
            _replicas.Add(replica);
        }

        try
        {
            await PassStartupProbeAsync(replica, cancellationToken);
        }
        catch
        {
            lock (_replicas)
            {
                _replicas.Remove(replica);
            }

            replica.Dispose();
            throw;
        }

        Front.Add(replica.Name, replica.Address);
        return replica;
    }

    /// <summary>Kills one instance without warning and starts its replacement, as Cloud Run replaces an instance.</summary>
    public async Task<(ReplicaProcess Killed, ReplicaProcess Replacement)> ReplaceInstanceAsync(CancellationToken cancellationToken)
    {
        ReplicaProcess killed;
        lock (_replicas)
        {
            killed = _replicas[0];
            _replicas.RemoveAt(0);
        }

        killed.Kill();
        Front.Remove(killed.Name);
        return (killed, await StartInstanceAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            replica.Dispose();
        }

        await Front.DisposeAsync();
        _http.Dispose();
    }

    // Cloud Run: after the initial delay, probe every period with the probe's timeout; the instance fails after failureThreshold misses.
    private async Task PassStartupProbeAsync(ReplicaProcess replica, CancellationToken cancellationToken)
    {
        var probe = Manifest.StartupProbe ?? new ProbeSpec("/", 1, 1, 240, 0);
        await Task.Delay(TimeSpan.FromSeconds(probe.InitialDelaySeconds), cancellationToken);
        var lastAnswer = "no answer yet";
        for (var attempt = 1; attempt <= probe.FailureThreshold; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            if (replica.HasExited)
            {
                throw new RevisionNotReadyException(Manifest.Name, Revision, $"the container exited before its startup probe passed (last answer: {lastAnswer})", replica.Tail());
            }

            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(probe.TimeoutSeconds));
                try
                {
                    using var response = await _http.GetAsync(new Uri(replica.Address, probe.Path.TrimStart('/')), timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    lastAnswer = $"HTTP {(int)response.StatusCode} from {probe.Path}: {body[..Math.Min(body.Length, 300)]}";
                }
                catch (HttpRequestException e)
                {
                    lastAnswer = $"{probe.Path}: {e.Message}";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastAnswer = $"{probe.Path}: no answer within {probe.TimeoutSeconds} s";
                }
            }

            // Faster than Cloud Run's period while the instance is still coming up, never more attempts than the manifest allows.
            var wait = TimeSpan.FromSeconds(probe.PeriodSeconds) - Stopwatch.GetElapsedTime(started);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
        }

        throw new RevisionNotReadyException(Manifest.Name, Revision, $"{probe.FailureThreshold} attempts every {probe.PeriodSeconds} s; last answer: {lastAnswer}", replica.Tail());
    }
}
