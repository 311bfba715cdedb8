using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Fleet;

/// <summary>The Deployer's fleet API as a replica calls it: the desired state (long-polled) and the replica's reports.</summary>
public sealed class DeployerClient(HttpClient http)
{
    /// <summary>The desired state once its revision is past <paramref name="after"/>, or as it is after waiting <paramref name="wait"/>.</summary>
    public async Task<DesiredState> DesiredAsync(long after, TimeSpan wait, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<DesiredState>($"/api/fleet/desired?after={after}&waitSeconds={(int)wait.TotalSeconds}", ApiJson.Options, cancellationToken)
            ?? throw new HttpRequestException("the Deployer answered with no desired state");

    public async Task ReportAsync(ReplicaReport report, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/fleet/replicas/{Uri.EscapeDataString(report.ReplicaId)}/reports", report, ApiJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
