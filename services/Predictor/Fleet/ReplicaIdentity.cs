namespace MlOps.Predictor.Fleet;

/// <summary>Who this replica is in the fleet: an id unique to the process (or <c>Predictor:Fleet:ReplicaId</c>), its host and when its process started.</summary>
public sealed class ReplicaIdentity(string? configured, TimeProvider time)
{
    public string Id { get; } = configured is { Length: > 0 } id ? id : $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public string Host { get; } = Environment.MachineName;

    public DateTimeOffset StartedAt { get; } = ProcessStart() ?? time.GetUtcNow();

    private static DateTimeOffset? ProcessStart()
    {
        try
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }
}
