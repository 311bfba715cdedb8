using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.Deployer;
using MlOps.Predictor;
using MlOps.Rehearsal.Running;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Identity;

/// <summary>
/// Replicas call the Deployer the Cloud Run way: with an ID token for the Deployer's URL from the
/// metadata server; a Deployer with an audience verifies it (issuer's keys, audience, expiry).
/// </summary>
public sealed class ServiceIdentityTests
{
    private static readonly Dictionary<string, string> Accounts = new() { ["predictor"] = "mlops-predictor@acme.iam.gserviceaccount.com" };

    [Fact]
    public async Task The_deployer_answers_replicas_only_with_an_id_token_issued_for_it()
    {
        await using var issuer = await LocalIdentityIssuer.StartAsync(LoopbackPort.Free(), Accounts, CancellationToken.None);
        var port = LoopbackPort.Free();
        var audience = $"http://127.0.0.1:{port}";
        await using var host = await WebModuleHost.StartAsync(b => b.AddDeployer(), a => a.MapDeployer(), new Dictionary<string, string?>
        {
            ["MlOps:Identity:Audience"] = audience,
            ["MlOps:Identity:Issuer"] = issuer.Url,
        }, port: port);

        async Task<HttpStatusCode> Desired(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/fleet/desired");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await host.Http.SendAsync(request);
            return response.StatusCode;
        }

        var forged = issuer.Sign(Accounts["predictor"], audience)[..^4] + "AAAA";
        Assert.Equal(HttpStatusCode.Unauthorized, await Desired(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Desired(issuer.Sign(Accounts["predictor"], "https://registry-1.europe-west1.run.app")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Desired(forged));
        Assert.Equal(HttpStatusCode.OK, await Desired(issuer.Sign(Accounts["predictor"], audience)));
        // Reading the fleet is not a replica's call: it stays open to what Cloud Run IAM lets in.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/fleet")).StatusCode);
    }

    [Fact]
    public async Task A_replica_follows_a_deployer_that_requires_id_tokens_with_tokens_from_the_metadata_server()
    {
        await using var issuer = await LocalIdentityIssuer.StartAsync(LoopbackPort.Free(), Accounts, CancellationToken.None);
        var port = LoopbackPort.Free();
        var deployer = $"http://127.0.0.1:{port}";
        await using var host = await WebModuleHost.StartAsync(b => b.AddPredictor().AddDeployer(), a => a.MapPredictor().MapDeployer(), new Dictionary<string, string?>
        {
            ["MlOps:Identity:Audience"] = deployer,
            ["MlOps:Identity:Issuer"] = issuer.Url,
            ["MlOps:Identity:Tokens"] = "Metadata",
            ["MlOps:Identity:MetadataUrl"] = issuer.MetadataUrlFor("predictor"),
            [PredictorExtensions.DeployerUrlKey] = deployer,
            ["Predictor:Fleet:ReportMilliseconds"] = "100",
            ["Predictor:PublishLogs"] = "false",
        }, port: port);

        await Wait.Until(async () => (await host.Http.GetFromJsonAsync<List<ReplicaView>>("/api/fleet/replicas", ApiJson.Options))!.Count == 1, "the replica to report through the token check");
        // Its first report can go out before its first desired state is applied; both pass the same token check.
        await Wait.Until(async () => (await host.Http.GetFromJsonAsync<ReplicaStatus>("/admin/fleet", ApiJson.Options))!.AppliedAt is not null, "the replica to apply the desired state it fetched with a token");
        var status = (await host.Http.GetFromJsonAsync<ReplicaStatus>("/admin/fleet", ApiJson.Options))!;

        Assert.Null(status.LastProblem);
        Assert.NotNull(status.AppliedAt);
        Assert.True(issuer.Issued >= 1);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/started")).StatusCode);
    }
}
