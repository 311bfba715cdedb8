using System.Net;
using MlOps.Services.Tests.Infrastructure;
using static System.Net.HttpStatusCode;

namespace MlOps.Services.Tests.Identity;

/// <summary>
/// Read-only routes are open by default (<c>MlOps:Identity:ReadOnly</c> = <c>Open</c>) and need the same token as
/// state changes with <c>Authenticated</c>; health, the OpenAPI document and the prediction route stay public either way.
/// </summary>
public sealed class ReadOnlyRouteTests
{
    private static readonly Dictionary<string, string?> Authenticated = new() { ["MlOps:Identity:ReadOnly"] = "Authenticated" };

    public static TheoryData<string> Services() => new(ServiceRoutes.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Read_only_routes_answer_without_a_token_by_default(string service)
    {
        var routes = ServiceRoutes.Named(service);
        await using var rig = await IdentityRig.StartAsync(routes);

        var answers = new List<HttpStatusCode>();
        foreach (var route in routes.ReadOnly)
        {
            answers.Add(await rig.SendAsync(route, null));
        }

        Assert.Equal(routes.ReadOnly.Select(r => r.Answer), answers);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Read_only_routes_need_a_token_for_the_service_when_reads_are_authenticated(string service)
    {
        var routes = ServiceRoutes.Named(service);
        await using var rig = await IdentityRig.StartAsync(routes, Authenticated);

        foreach (var route in routes.ReadOnly)
        {
            HttpStatusCode[] answers = [await rig.SendAsync(route, null), await rig.SendAsync(route, rig.Forged), await rig.SendAsync(route, rig.TokenOf(IdentityRig.Stranger))];

            Assert.True(answers.SequenceEqual([Unauthorized, Unauthorized, route.Answer]), $"{route}: no token, forged, valid → {string.Join(", ", answers)}");
        }
    }

    [Fact]
    public async Task Health_and_the_openapi_document_stay_open_when_reads_are_authenticated()
    {
        await using var rig = await IdentityRig.StartAsync(ServiceRoutes.Deployer, Authenticated);

        HttpStatusCode[] answers = [(await rig.Host.Http.GetAsync("/health")).StatusCode, (await rig.Host.Http.GetAsync("/openapi/v1.json")).StatusCode];

        Assert.Equal([OK, OK], answers);
    }

    [Fact]
    public async Task The_prediction_route_stays_public_with_an_audience_and_authenticated_reads()
    {
        await using var rig = await IdentityRig.StartAsync(ServiceRoutes.Predictor, Authenticated);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/taxi-tips:predict") { Content = Requests.Json(Requests.Valid) };
        request.Headers.Authorization = new("Bearer", "not-a-token");

        HttpStatusCode[] answers = [(await rig.Host.Http.Predict(Requests.Valid, "taxi-tips")).StatusCode, (await rig.Host.Http.SendAsync(request)).StatusCode];

        // No model is deployed here: the handler's own answer, not the token check's.
        Assert.Equal([NotFound, NotFound], answers);
    }
}
