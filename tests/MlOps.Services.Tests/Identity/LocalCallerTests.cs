using System.Net;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.Predictor;
using MlOps.Registry;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;
using static System.Net.HttpStatusCode;

namespace MlOps.Services.Tests.Identity;

/// <summary>
/// Without <c>MlOps:Identity:Audience</c> (local runs) state changes answer only callers on this machine: a
/// caller from the network is refused with a problem saying why. Modules hosted together share one identity.
/// </summary>
public sealed class LocalCallerTests
{
    private static readonly IPAddress Network = IPAddress.Parse("203.0.113.7");

    public static TheoryData<string> Services() => new(ServiceRoutes.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Without_an_audience_a_state_change_from_the_network_is_refused_and_reads_stay_open(string service)
    {
        var routes = ServiceRoutes.Named(service);
        await using var host = await WebModuleHost.StartAsync(b => { routes.Add(b); IdentityRig.CallersFrom(b, Network); }, routes.Map, new Dictionary<string, string?>(routes.Settings));

        var changes = new List<HttpStatusCode>();
        foreach (var route in routes.StateChanging)
        {
            changes.Add(await IdentityRig.SendAsync(host.Http, route, null));
        }

        var reads = new List<HttpStatusCode>();
        foreach (var route in routes.ReadOnly)
        {
            reads.Add(await IdentityRig.SendAsync(host.Http, route, null));
        }

        Assert.All(changes, status => Assert.Equal(Forbidden, status));
        Assert.Equal(routes.ReadOnly.Select(r => r.Answer), reads);
    }

    [Fact]
    public async Task A_network_caller_is_told_that_the_service_has_no_audience()
    {
        await using var host = await WebModuleHost.StartAsync(b => { b.AddTrainer(); IdentityRig.CallersFrom(b, Network); }, a => a.MapTrainer());

        using var response = await host.Http.PostAsync("/api/training", Requests.Json("""{"model":"taxi-tips"}"""));

        Assert.Equal(Forbidden, response.StatusCode);
        Assert.Contains("MlOps:Identity:Audience is not set, so this route answers only callers on this machine and 203.0.113.7 is not one", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_five_modules_in_one_host_let_a_loopback_caller_change_state_without_an_audience()
    {
        await using var host = await WebModuleHost.StartAsync(AddAll, MapAll, new Dictionary<string, string?> { ["Predictor:PublishLogs"] = "false" });

        var answers = new List<(string, HttpStatusCode)>();
        foreach (var route in ServiceRoutes.All.SelectMany(s => s.StateChanging))
        {
            answers.Add((route.ToString(), await IdentityRig.SendAsync(host.Http, route, null)));
        }

        Assert.Equal(ServiceRoutes.All.SelectMany(s => s.StateChanging).Select(r => (r.ToString(), r.Answer)), answers);
    }

    [Fact]
    public async Task All_five_modules_in_one_host_with_an_audience_refuse_every_state_change_without_a_token()
    {
        var port = LoopbackPort.Free();
        await using var host = await WebModuleHost.StartAsync(AddAll, MapAll, new Dictionary<string, string?>
        {
            ["Predictor:PublishLogs"] = "false",
            ["MlOps:Identity:Audience"] = $"http://127.0.0.1:{port}",
            ["MlOps:Identity:Issuer"] = "http://127.0.0.1:9",
        }, port: port);

        var answers = new List<HttpStatusCode>();
        foreach (var route in ServiceRoutes.All.SelectMany(s => s.StateChanging))
        {
            answers.Add(await IdentityRig.SendAsync(host.Http, route, null));
        }

        Assert.All(answers, status => Assert.Equal(Unauthorized, status));
    }

    [Fact]
    public async Task A_list_of_callers_without_an_audience_stops_the_service_from_starting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            WebModuleHost.StartAsync(b => b.AddRegistry(), a => a.MapRegistry(), new Dictionary<string, string?> { ["MlOps:Identity:Callers"] = IdentityRig.Operator }));

        Assert.Contains("MlOps:Identity:Callers needs MlOps:Identity:Audience", failure.Message, StringComparison.Ordinal);
    }

    private static void AddAll(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
        builder.AddTrainer();
        builder.AddRegistry();
        builder.AddDeployer();
        builder.AddPredictor();
        builder.AddDriftWatcher();
    }

    private static void MapAll(Microsoft.AspNetCore.Builder.WebApplication app) =>
        app.MapTrainer().MapRegistry().MapDeployer().MapPredictor().MapDriftWatcher();
}
