using System.Net;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using MlOps.Rehearsal.Manifests;
using MlOps.Rehearsal.Running;

namespace MlOps.Loop.Tests.Rehearsal;

/// <summary>
/// The console rehearsed from its rendered manifest: its front stands in for IAP, signing every request in, and the
/// console refuses what reaches it around the front. A service whose host is not in the repository is left out.
/// </summary>
public sealed class ConsoleRehearsalTests : IDisposable
{
    private readonly TempDirectory _work = new("mlops-rehearsal-console");

    public void Dispose() => _work.Dispose();

    private static ServiceManifest Rendered(string environment, string service)
    {
        var spec = EnvironmentLoader.LoadValid(new EnvironmentsFolder(Path.Combine(Repository.Root, "environments")), environment);
        return ManifestReader.Read(KnativeManifest.ToYaml(ServiceRenderer.Render(spec, spec.Service(service))), $"{service}.yaml");
    }

    private Task<EnvironmentRehearsal> StartAsync(params ServiceManifest[] services) =>
        EnvironmentRehearsal.StartAsync(
            new RehearsalPlan("console", "acme-mlops-dev", "europe-west1", services, [], new Dictionary<string, string>(), 60, "prediction-logs", _ => false),
            new RehearsalOptions(Repository.Root, _work.Path) { Configuration = Repository.Configuration },
            _ => { },
            CancellationToken.None);

    [Fact]
    public async Task The_consoles_front_signs_every_request_in_as_IAP_would_and_the_console_refuses_one_that_went_around_it()
    {
        // Without the four services' URLs the console calls nothing while it serves the framework's script.
        var console = Rendered("dev", ServiceNames.Console);
        console = console with { Env = [.. console.Env.Where(e => !e.Name.StartsWith("services__", StringComparison.Ordinal))] };
        Assert.True(console.Iap);
        // Ingress is Google's to enforce: the front stands in for the load balancer people come through, so rehearsal serves it as ever.
        Assert.Equal("internal-and-cloud-load-balancing", console.Ingress);

        await using var rehearsal = await StartAsync(console).WaitAsync(TimeSpan.FromMinutes(2));
        var service = rehearsal.Service(ServiceNames.Console);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        const string Script = "_framework/blazor.web.js";

        using var through = await http.GetAsync($"{service.Url}/{Script}");
        using var around = await http.GetAsync(new Uri(service.Replicas[0].Address, Script));

        Assert.Equal(HttpStatusCode.OK, through.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, around.StatusCode);
        Assert.Contains("Identity-Aware Proxy", await around.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_whose_host_project_is_not_in_the_repository_is_left_out_and_said_so()
    {
        var gateway = Rendered("dev", ServiceNames.Console) with { Name = "gateway" };
        var reported = new List<string>();

        await using var rehearsal = await EnvironmentRehearsal.StartAsync(
            new RehearsalPlan("console", "acme-mlops-dev", "europe-west1", [gateway], [], new Dictionary<string, string>(), 60, "prediction-logs", _ => false),
            new RehearsalOptions(Repository.Root, _work.Path) { Configuration = Repository.Configuration },
            reported.Add,
            CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(rehearsal.Services);
        Assert.Contains("gateway: not rehearsed: its host project services/Gateway.Host/MlOps.Gateway.Host.csproj is not in this repository", reported);
    }
}
