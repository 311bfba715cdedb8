using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOps.PubSub;

namespace MlOps.Hosting.PubSub;

/// <summary>
/// Healthy once the emulator answers a gRPC call: a port that accepts connections (the endpoint's
/// proxy does so at once) is not yet an emulator that takes calls. Any answer, NOT_FOUND included, counts.
/// </summary>
internal sealed class PubSubEmulatorHealthCheck(IPubSubEmulatorResource emulator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!emulator.GrpcEndpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("the gRPC endpoint is not allocated yet");
        }

        await using var client = PubSubEmulatorClient.Create(emulator, attempts: 1);
        try
        {
            await client.Topics.GetAsync("mlops-health-probe", cancellationToken);
            return HealthCheckResult.Healthy($"{client.EmulatorHost} answers gRPC calls");
        }
        catch (RpcException e)
        {
            return HealthCheckResult.Unhealthy($"{client.EmulatorHost} does not take calls yet: {e.Status.Detail}", e);
        }
    }
}
