using System.ComponentModel.DataAnnotations;

namespace MlOps.Predictor;

/// <summary>How a replica follows the Deployer: <c>Predictor:Fleet</c>.</summary>
public sealed class PredictorFleetOptions
{
    /// <summary>How long one long poll for the next desired state waits; under the 10 s attempt timeout of the standard HTTP resilience.</summary>
    [Range(1, 8)]
    public int WaitSeconds { get; set; } = 8;

    /// <summary>How often the replica reports its counters to the Deployer.</summary>
    [Range(100, 60_000)]
    public int ReportMilliseconds { get; set; } = 1000;

    /// <summary>The replica's name in the fleet; by default the host, the process id and a random suffix.</summary>
    public string? ReplicaId { get; set; }
}
