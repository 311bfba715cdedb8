using System.Net;
using static System.Net.HttpStatusCode;

namespace MlOps.Services.Tests.Identity;

/// <summary>
/// Every route that changes state, on every service, answers only a caller with an ID token issued for that
/// service, signed by the issuer it trusts, and — with <c>MlOps:Identity:Callers</c> — only a listed one.
/// </summary>
public sealed class StateChangingRouteTests
{
    private const string OtherAudience = "https://registry-104729305918.europe-west1.run.app";

    public static TheoryData<string> Services() => new(ServiceRoutes.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_state_changing_route_answers_only_a_listed_caller_with_an_id_token_issued_for_the_service(string service)
    {
        var routes = ServiceRoutes.Named(service);
        await using var rig = await IdentityRig.StartAsync(routes, new Dictionary<string, string?> { ["MlOps:Identity:Callers"] = $"{IdentityRig.Operator}, ci@acme.iam.gserviceaccount.com" });

        foreach (var route in routes.StateChanging)
        {
            HttpStatusCode[] answers =
            [
                await rig.SendAsync(route, null),
                await rig.SendAsync(route, rig.Issuer.Sign(IdentityRig.Operator, OtherAudience)),
                await rig.SendAsync(route, rig.Forged),
                await rig.SendAsync(route, rig.TokenOf(IdentityRig.Stranger)),
                await rig.SendAsync(route, rig.TokenOf(IdentityRig.Operator.ToUpperInvariant())),
            ];

            Assert.True(answers.SequenceEqual([Unauthorized, Unauthorized, Unauthorized, Forbidden, route.Answer]), $"{route}: no token, another audience, forged, unlisted, listed → {string.Join(", ", answers)}");
        }
    }

    [Fact]
    public async Task Without_a_list_of_callers_any_valid_token_for_the_service_may_change_state()
    {
        await using var rig = await IdentityRig.StartAsync(ServiceRoutes.Trainer);

        var answer = await rig.SendAsync(ServiceRoutes.Trainer.StateChanging[0], rig.TokenOf(IdentityRig.Stranger));

        Assert.Equal(Accepted, answer);
    }

    [Fact]
    public async Task A_caller_without_a_token_is_told_which_token_the_route_needs()
    {
        await using var rig = await IdentityRig.StartAsync(ServiceRoutes.Deployer);

        using var response = await rig.Host.Http.PostAsync("/api/deployments/taxi-tips/rollback", null);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"an ID token issued for {rig.Audience}", problem, StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_unlisted_caller_is_told_it_is_not_one_of_the_callers()
    {
        await using var rig = await IdentityRig.StartAsync(ServiceRoutes.Trainer, new Dictionary<string, string?> { ["MlOps:Identity:Callers"] = IdentityRig.Operator });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/training") { Content = Infrastructure.Requests.Json("""{"model":"taxi-tips"}""") };
        request.Headers.Authorization = new("Bearer", rig.TokenOf(IdentityRig.Stranger));

        using var response = await rig.Host.Http.SendAsync(request);

        Assert.Equal(Forbidden, response.StatusCode);
        Assert.Contains($"{IdentityRig.Stranger} may not change state here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
